/** Events that repeat a row the timeline already shows (the order, the deal, the touch itself). */
export const timelineHiddenEvents = [
  'order.placed',
  'deal.created',
  'touch.planned',
  'touch.completed',
  'touch.skipped',
  'account.created',
];

const titles: Record<string, string> = {
  'deal.won': 'Deal won',
  'deal.lost': 'Deal lost',
  'deal.stage_changed': 'Deal moved to another stage',
  'order.shipped': 'Order shipped',
  'order.delivered': 'Order delivered',
  'order.cancelled': 'Order cancelled',
  'account.lifecycle_changed': 'Lifecycle changed',
  'account.became_customer': 'Became a customer',
};

function text(value: unknown): string | null {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

export function describeEvent(type: string, payload: Record<string, unknown>): { title: string; detail: string | null } {
  const title = titles[type] ?? type;
  if (type === 'deal.stage_changed' || type === 'account.lifecycle_changed') {
    return { title, detail: `${text(payload.from) ?? '?'} → ${text(payload.to) ?? '?'}` };
  }
  return { title, detail: text(payload.title) ?? text(payload.reason) ?? text(payload.number) };
}
