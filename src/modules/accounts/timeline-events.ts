/** Events that repeat a row the timeline already shows (the order, the deal, the touch itself). */
export const timelineHiddenEvents = [
  'order.placed',
  'deal.created',
  'touch.planned',
  'touch.completed',
  'touch.skipped',
  'account.created',
  'touch.snoozed',
  // The email's own touch shows on the timeline as done; the message event would repeat it.
  'message.sent',
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
  'account.snoozed': 'Snoozed',
  'deal.deleted': 'Deal deleted',
  'playbook.started': 'Playbook started',
  'message.failed': 'Email could not be sent',
  'message.suppressed': 'Email not sent',
  'contact.unsubscribed': 'Unsubscribed from email',
  'mention.recorded': 'In the press',
  'product.launched': 'Product launched',
  'issue.created': 'Service issue opened',
  'issue.assigned': 'Service issue assigned',
  'issue.status_changed': 'Service issue updated',
  'issue.resolved': 'Service issue resolved',
  'issue.closed': 'Service issue closed',
  'issue.reopened': 'Service issue reopened',
  'survey.invited': 'Survey sent',
  'survey.answered': 'NPS answered',
  'csat.answered': 'Satisfaction rated',
  'referral.received': 'Recommended someone',
  'referral.won': 'Referral won',
  'goal.recorded': 'Goal recorded',
  'goal.achieved': 'Goal achieved',
};

function text(value: unknown): string | null {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

export function describeEvent(type: string, payload: Record<string, unknown>): { title: string; detail: string | null } {
  const title = titles[type] ?? type;
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
