import { sql } from 'kysely';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { advanceCursor, readEventsAfterCursor } from '../../platform/event-cursor.ts';

/**
 * Reads the next events after the webhooks' cursor and queues one delivery per active subscription
 * that asked for the event's type, in one transaction with the cursor move. A crash re-reads the
 * batch, and the unique (subscription, event) key makes that harmless.
 */
/** Returns how many events it read. */
export async function queueWebhookDeliveries(db: Db, batchSize = 500): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const events = await readEventsAfterCursor(trx, 'webhooks', batchSize);
    if (!events || events.length === 0) return 0;
    const at = now();
    await sql`
        insert into webhook_deliveries (subscription_id, event_id, event_type, payload, next_attempt_at, created_at)
        select s.id, e.id, e.type, e.payload, ${at}, ${at}
        from unnest(${events.map((e) => e.id)}::bigint[], ${events.map((e) => e.type)}::text[], ${events.map((e) =>
          JSON.stringify({ id: e.id, type: e.type, occurred_at: e.occurred_at.toISOString(), account_id: e.account_id, subject_id: e.subject_id, data: e.payload }),
        )}::jsonb[]) as e(id, type, payload)
        join webhook_subscriptions s on s.active and (e.type = any(s.event_types) or '*' = any(s.event_types))
        on conflict (subscription_id, event_id) do nothing`.execute(trx);
    await advanceCursor(trx, 'webhooks', events);
    return events.length;
  });
}
