import { sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db-schema.ts';
import { type EventType, isEventType } from '../../platform/event-catalogue.ts';
import { deliveryFollowUpOf } from '../orders/index.ts';
import type { Trigger } from './playbooks.schema.ts';
import type { TemplateContext } from './templates.ts';

export type StoredEvent = {
  id: number;
  type: string;
  account_id: string | null;
  subject_id: string | null;
  payload: Record<string, unknown>;
  occurred_at: Date;
};

/** One occurrence of a trigger for some accounts, with what the templates may mention. */
export type TriggerOccurrence = {
  trigger: Trigger;
  accountIds: string[];
  /** Distinguishes occurrences: one run per playbook, account and key. */
  key: string;
  context: TemplateContext;
  score?: number;
  /** For a purchase (a won deal, an order): whether it is the customer's first or a repeat one. */
  purchase?: 'first' | 'repeat';
};

const direct: Partial<Record<EventType, Trigger>> = {
  'deal.won': 'deal_won',
  'order.placed': 'order_placed',
  'order.delivered': 'order_delivered',
  'order.late': 'order_late',
  'mention.recorded': 'mention_recorded',
  'survey.answered': 'survey_answered',
  'issue.resolved': 'issue_resolved',
  'referral.received': 'referral_received',
};

/** Which triggers an event fires. A product launch fans out to the customers whose interests match. */
export async function triggersOfEvent(trx: Transaction<Database>, event: StoredEvent): Promise<TriggerOccurrence[]> {
  // A late order is one occurrence however often its event is read: the delay note goes out once.
  const key = event.type === 'order.late' && event.subject_id ? `order-late:${event.subject_id}` : `event:${event.id}`;
  const payload = event.payload;
  if (event.type === 'product.launched' && event.subject_id) {
    const product = await trx.selectFrom('products').select(['name', 'tags']).where('id', '=', event.subject_id).executeTakeFirst();
    if (!product || product.tags.length === 0) return [];
    const accounts = await trx
      .selectFrom('accounts')
      .select('id')
      .where('lifecycle', '=', 'customer')
      .where(sql<boolean>`interests && ${sql.val(product.tags)}::text[]`)
      .execute();
    return [{ trigger: 'product_launched', accountIds: accounts.map((a) => a.id), key: `product:${event.subject_id}`, context: { product: { name: product.name, tags: product.tags } } }];
  }
  const trigger = isEventType(event.type) ? direct[event.type] : undefined;
  if (!trigger || !event.account_id) return [];
  const occurrences: TriggerOccurrence[] = [{ trigger, accountIds: [event.account_id], key, context: { trigger: payload, mention: payload, survey: payload } }];
  if (typeof payload.score === 'number') occurrences[0] = { ...occurrences[0]!, score: payload.score };
  // A deal won before this field existed counts as a first purchase, as it was treated then.
  if (event.type === 'deal.won') occurrences[0] = { ...occurrences[0]!, purchase: payload.first_purchase === false ? 'repeat' : 'first' };
  if (event.type === 'order.placed') occurrences[0] = { ...occurrences[0]!, purchase: payload.first_order === true ? 'first' : 'repeat' };
  if (event.type === 'order.placed' && payload.first_order === true) {
    occurrences.push({ trigger: 'first_order', accountIds: [event.account_id], key, context: { trigger: payload }, purchase: 'first' });
  }
  if (event.type === 'order.delivered' && event.subject_id) {
    const followUp = await deliveryFollowUpOf(trx, event.account_id, event.subject_id);
    // Keyed by the order, not the event: a delivery reported twice (API, then webhook) follows up once.
    const once = `order-delivered:${event.subject_id}`;
    if (followUp) {
      const trigger = followUp.kind === 'guide' ? 'first_delivery_guide' : 'first_delivery_key_account';
      occurrences.push({ trigger, accountIds: [event.account_id], key: once, context: { trigger: followUp }, purchase: 'first' });
    }
  }
  return occurrences;
}
