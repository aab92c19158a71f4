/**
 * Every domain event Afterclose writes: its payload (what consumers may read), its title on the
 * timeline, and whether webhooks may subscribe to it. appendEvent, the timeline, playbook triggers
 * and webhooks all read this one list, so a new event type is declared once, here.
 */

type Titled = { title: string };
type DealClosed = Titled & { value: number; reason: string | null; first_purchase?: boolean };
type IssueMoved = Titled & {
  issue_id: string;
  severity: string;
  from: string;
  to: string;
  note: string | null;
  customer_contacts: number;
  contact_id: string | null;
};
type SurveyAnswered = Titled & { score: number; comment: string | null; kind: 'nps' | 'csat'; issue_id: string | null; contact_id: string | null };
type MessageOutcome = { to: string; subject: string; error: string | null };
type Nothing = Record<never, never>;
/** An order's new status; an import or order webhook says so, and may ask the playbooks to stay quiet. */
type OrderMoved = { number: string; source?: 'import'; start_playbooks?: false };

export type EventPayloads = {
  'account.created': Nothing;
  'account.became_customer': { from?: string };
  'account.lifecycle_changed': { from: string; to: string };
  'account.snoozed': { days: number };
  'contact.unsubscribed': Nothing;
  'contact.erased': { touches: number; messages: number; survey_invites: number };
  'deal.created': Titled & { value?: number };
  'deal.stage_changed': { from: string; to: string };
  'deal.won': DealClosed;
  'deal.lost': DealClosed;
  'deal.deleted': Titled;
  'order.placed': { number: string; total: number; placed_at: string; first_order: boolean; reorder_of: string | null; start_playbooks?: false };
  'order.shipped': OrderMoved;
  /** From an import or webhook: placed_at when the order arrived already delivered, delivered_at when the source dates it. */
  'order.delivered': OrderMoved & { placed_at?: string; delivered_at?: string };
  'order.cancelled': OrderMoved;
  'order.late': Titled & { number: string; ship_by: string; touch_id: string; assignee_id: string | null; expected_by: string; signed_by: string };
  'order.late_escalated': Titled & { number: string; ship_by: string; touch_id: string; assignee_id: string | null };
  'touch.planned': { kind: string; deal_id: string | null; due_at: string };
  'touch.completed': { kind: string; deal_id: string | null; outcome: string | null };
  'touch.skipped': { kind: string; reason: string | null };
  'touch.snoozed': { days: number };
  'touch.handed_over': { kind: string; from_user_id: string; to_user_id: string };
  'touch.covered_while_away': { kind: string; from_user_id: string; to_user_id: string; away_until: string };
  'touch.rebalanced': { kind: string; assignee_id: string; from_due_at: string; to_due_at: string };
  'message.sent': MessageOutcome;
  'message.failed': MessageOutcome;
  'message.suppressed': MessageOutcome;
  'playbook.started': Titled & { playbook_id: string; trigger_key: string; touches: number };
  'mention.recorded': Titled & { source: string; url: string | null };
  'product.launched': { name: string; tags: string[] };
  'issue.created': Titled & { severity: string; assignee_id: string | null; assignee_name: string | null };
  'issue.assigned': Titled & { assignee_id: string };
  'issue.status_changed': IssueMoved;
  'issue.resolved': IssueMoved;
  'issue.closed': IssueMoved;
  'issue.reopened': IssueMoved;
  'survey.invited': Titled & { kind: 'nps' | 'csat' };
  'survey.answered': SurveyAnswered;
  'csat.answered': SurveyAnswered;
  'referral.received': Titled & { names: string[]; count: number; referral_ids: string[] };
  'referral.won': Titled & { revenue: number };
  'goal.recorded': Titled;
  'goal.achieved': Titled;
  'import.completed': Record<string, unknown>;
  'webhook.disabled': { url: string; reason: string };
};

export type EventType = keyof EventPayloads;

type EventInfo = {
  /** What the timeline calls it; null when the timeline shows the row itself (the touch, the order). */
  timelineTitle: string | null;
  /** Whether an outbound webhook may subscribe to it. */
  webhook: boolean;
};

export const eventCatalogue: Record<EventType, EventInfo> = {
  'account.created': { timelineTitle: null, webhook: true },
  'account.became_customer': { timelineTitle: 'Became a customer', webhook: true },
  'account.lifecycle_changed': { timelineTitle: 'Lifecycle changed', webhook: true },
  'account.snoozed': { timelineTitle: 'Snoozed', webhook: false },
  'contact.unsubscribed': { timelineTitle: 'Unsubscribed from email', webhook: false },
  'contact.erased': { timelineTitle: 'Contact erased on request', webhook: false },
  'deal.created': { timelineTitle: null, webhook: true },
  'deal.stage_changed': { timelineTitle: 'Deal moved to another stage', webhook: false },
  'deal.won': { timelineTitle: 'Deal won', webhook: true },
  'deal.lost': { timelineTitle: 'Deal lost', webhook: true },
  'deal.deleted': { timelineTitle: 'Deal deleted', webhook: false },
  'order.placed': { timelineTitle: null, webhook: true },
  'order.shipped': { timelineTitle: 'Order shipped', webhook: true },
  'order.delivered': { timelineTitle: 'Order delivered', webhook: true },
  'order.cancelled': { timelineTitle: 'Order cancelled', webhook: true },
  'order.late': { timelineTitle: 'Order not shipped in time', webhook: true },
  'order.late_escalated': { timelineTitle: 'Late order escalated to a manager', webhook: false },
  'touch.planned': { timelineTitle: null, webhook: true },
  'touch.completed': { timelineTitle: null, webhook: true },
  'touch.skipped': { timelineTitle: null, webhook: false },
  'touch.snoozed': { timelineTitle: null, webhook: false },
  // The touch row shows its new assignee; the event says who moved it when a colleague left.
  'touch.handed_over': { timelineTitle: null, webhook: false },
  // A customer's next step changed hands for a while: the timeline says so, the touch keeps its date.
  'touch.covered_while_away': { timelineTitle: 'Task taken over while a colleague is away', webhook: false },
  // Another day inside the window the task was allowed: the touch shows its date, the event who moved it.
  'touch.rebalanced': { timelineTitle: null, webhook: false },
  // The email's own touch shows on the timeline as done; the message event would repeat it.
  'message.sent': { timelineTitle: null, webhook: false },
  'message.failed': { timelineTitle: 'Email could not be sent', webhook: false },
  'message.suppressed': { timelineTitle: 'Email not sent', webhook: false },
  'playbook.started': { timelineTitle: 'Playbook started', webhook: false },
  'mention.recorded': { timelineTitle: 'In the press', webhook: true },
  'product.launched': { timelineTitle: 'Product launched', webhook: true },
  'issue.created': { timelineTitle: 'Service issue opened', webhook: true },
  'issue.assigned': { timelineTitle: 'Service issue assigned', webhook: false },
  'issue.status_changed': { timelineTitle: 'Service issue updated', webhook: false },
  'issue.resolved': { timelineTitle: 'Service issue resolved', webhook: true },
  'issue.closed': { timelineTitle: 'Service issue closed', webhook: false },
  'issue.reopened': { timelineTitle: 'Service issue reopened', webhook: false },
  'survey.invited': { timelineTitle: 'Survey sent', webhook: false },
  'survey.answered': { timelineTitle: 'NPS answered', webhook: true },
  'csat.answered': { timelineTitle: 'Satisfaction rated', webhook: false },
  'referral.received': { timelineTitle: 'Recommended someone', webhook: true },
  'referral.won': { timelineTitle: 'Referral won', webhook: false },
  'goal.recorded': { timelineTitle: 'Goal recorded', webhook: false },
  'goal.achieved': { timelineTitle: 'Goal achieved', webhook: true },
  'import.completed': { timelineTitle: null, webhook: true },
  // A receiver that kept failing: managers are told in the app; the hook itself would not arrive.
  'webhook.disabled': { timelineTitle: null, webhook: false },
};

export const eventTypes = Object.keys(eventCatalogue) as EventType[];

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(eventCatalogue, type);
}
