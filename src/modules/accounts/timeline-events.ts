import { eventCatalogue, eventTypes, isEventType } from '../../platform/event-catalogue.ts';

/** Events that repeat a row the timeline already shows (the order, the deal, the touch itself). */
export const timelineHiddenEvents = eventTypes.filter((type) => eventCatalogue[type].timelineTitle === null);

function text(value: unknown): string | null {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

export function describeEvent(type: string, payload: Record<string, unknown>): { title: string; detail: string | null } {
  const title = (isEventType(type) ? eventCatalogue[type].timelineTitle : null) ?? type;
  if (type === 'deal.stage_changed' || type === 'account.lifecycle_changed') {
    return { title, detail: `${text(payload.from) ?? '?'} → ${text(payload.to) ?? '?'}` };
  }
  if (type === 'account.snoozed') return { title, detail: `for ${text(payload.days) ?? '?'} days` };
  if (type === 'survey.answered' || type === 'csat.answered') {
    const comment = text(payload.comment);
    return { title, detail: `${text(payload.score) ?? '?'}${comment ? ` — “${comment}”` : ''}` };
  }
  return { title, detail: text(payload.title) ?? text(payload.reason) ?? text(payload.error) ?? text(payload.number) };
}
