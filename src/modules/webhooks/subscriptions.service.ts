import { randomBytes } from 'node:crypto';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { keysetPage } from '../../platform/paging.ts';
import type { CreateSubscriptionInput, DeliveriesQuery, UpdateSubscriptionInput } from './subscriptions.schema.ts';

const columns = ['id', 'url', 'event_types', 'description', 'active', 'consecutive_failures', 'disabled_reason', 'created_at'] as const;

/** A new subscription; its signing secret is shown this once (the receiver keeps it to check us). */
export async function createSubscription(db: Db, input: CreateSubscriptionInput, actorId: string) {
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  const row = await db
    .insertInto('webhook_subscriptions')
    .values({ ...input, secret, created_by: actorId, created_at: now() })
    .returning(columns)
    .executeTakeFirstOrThrow();
  return { ...row, secret };
}

export async function listSubscriptions(db: Db) {
  return { items: await db.selectFrom('webhook_subscriptions').select(columns).orderBy('created_at', 'desc').execute() };
}

/** Turning a disabled subscription back on starts its failure count afresh. */
export async function updateSubscription(db: Db, id: string, input: UpdateSubscriptionInput) {
  const reset = input.active === true ? { consecutive_failures: 0, disabled_reason: null } : {};
  const row = await db.updateTable('webhook_subscriptions').set({ ...input, ...reset }).where('id', '=', id).returning(columns).executeTakeFirst();
  if (!row) throw notFound('Webhook subscription');
  return row;
}

export async function deleteSubscription(db: Db, id: string): Promise<void> {
  const result = await db.deleteFrom('webhook_subscriptions').where('id', '=', id).executeTakeFirst();
  if (result.numDeletedRows === 0n) throw notFound('Webhook subscription');
}

/** The delivery log of one subscription, newest first. */
export async function listDeliveries(db: Db, subscriptionId: string, query: DeliveriesQuery) {
  let q = db
    .selectFrom('webhook_deliveries')
    .select(['id', 'event_id', 'event_type', 'status', 'attempts', 'next_attempt_at', 'last_status', 'last_error', 'delivered_at', 'created_at'])
    .where('subscription_id', '=', subscriptionId);
  if (query.status) q = q.where('status', '=', query.status);
  return keysetPage(q, [{ by: 'id', type: 'bigint', order: 'desc' }], query);
}
