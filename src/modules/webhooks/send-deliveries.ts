import { sql } from 'kysely';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { appendEvent } from '../../platform/events.ts';
import { signPayload } from './signatures.ts';

export type DeliveryPolicy = {
  /** Attempts per delivery before it is given up as failed. */
  maxAttempts: number;
  /** Failed attempts in a row, over all its deliveries, after which a subscription is disabled. */
  disableAfterFailures: number;
  /** First retry delay; each further retry waits twice as long, at most six hours. */
  firstRetrySeconds: number;
  timeoutMs: number;
};

export const defaultDeliveryPolicy: DeliveryPolicy = { maxAttempts: 8, disableAfterFailures: 20, firstRetrySeconds: 30, timeoutMs: 10_000 };

type Claimed = { id: number; subscription_id: string; event_type: string; payload: Record<string, unknown>; attempts: number; url: string; secret: string };

/** Claims due deliveries of active subscriptions with FOR UPDATE SKIP LOCKED and a lease, so two workers never send one twice at once. */
async function claimDue(db: Db, limit: number): Promise<Claimed[]> {
  const at = now();
  const { rows } = await sql<Claimed>`
    update webhook_deliveries d set attempts = d.attempts + 1, locked_until = ${new Date(at.getTime() + 60_000)}
    from webhook_subscriptions s
    where s.id = d.subscription_id and d.id in (
      select d2.id from webhook_deliveries d2 join webhook_subscriptions s2 on s2.id = d2.subscription_id and s2.active
      where d2.status = 'pending' and d2.next_attempt_at <= ${at} and (d2.locked_until is null or d2.locked_until < ${at})
      order by d2.next_attempt_at, d2.id limit ${limit} for update of d2 skip locked)
    returning d.id, d.subscription_id, d.event_type, d.payload, d.attempts, s.url, s.secret`.execute(db);
  return rows;
}

async function post(delivery: Claimed, timeoutMs: number): Promise<{ ok: boolean; status: number | null; error: string | null }> {
  const body = JSON.stringify(delivery.payload);
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Afterclose-Webhooks/1',
        'x-afterclose-event': delivery.event_type,
        'x-afterclose-delivery': String(delivery.id),
        'x-afterclose-signature': signPayload(delivery.secret, body, Math.floor(now().getTime() / 1000)),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    return { ok: response.status >= 200 && response.status < 300, status: response.status, error: response.ok ? null : `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, status: null, error: error instanceof Error ? error.message : String(error) };
  }
}

async function recordOutcome(db: Db, delivery: Claimed, result: Awaited<ReturnType<typeof post>>, policy: DeliveryPolicy): Promise<void> {
  const at = now();
  await db.transaction().execute(async (trx) => {
    if (result.ok) {
      await trx.updateTable('webhook_deliveries').set({ status: 'delivered', delivered_at: at, last_status: result.status, last_error: null, locked_until: null }).where('id', '=', delivery.id).execute();
      await trx.updateTable('webhook_subscriptions').set({ consecutive_failures: 0 }).where('id', '=', delivery.subscription_id).execute();
      return;
    }
    const delay = Math.min(policy.firstRetrySeconds * 2 ** (delivery.attempts - 1), 6 * 3600);
    const gaveUp = delivery.attempts >= policy.maxAttempts;
    await trx
      .updateTable('webhook_deliveries')
      .set({ status: gaveUp ? 'failed' : 'pending', next_attempt_at: new Date(at.getTime() + delay * 1000), last_status: result.status, last_error: result.error, locked_until: null })
      .where('id', '=', delivery.id)
      .execute();
    const subscription = await trx
      .updateTable('webhook_subscriptions')
      .set({
        consecutive_failures: sql`consecutive_failures + 1`,
        active: sql`active and consecutive_failures + 1 < ${policy.disableAfterFailures}`,
        disabled_reason: sql`case when consecutive_failures + 1 >= ${policy.disableAfterFailures}
          then ${`disabled after ${policy.disableAfterFailures} failed deliveries in a row; last: ${result.error}`} else disabled_reason end`,
      })
      .where('id', '=', delivery.subscription_id)
      .returning(['consecutive_failures', 'disabled_reason'])
      .executeTakeFirst();
    // Only the failure that crosses the limit says so: later ones find the subscription disabled already.
    if (subscription?.consecutive_failures === policy.disableAfterFailures) {
      await appendEvent(trx, {
        type: 'webhook.disabled',
        accountId: null,
        subjectId: delivery.subscription_id,
        payload: { url: delivery.url, reason: subscription.disabled_reason ?? '' },
      });
    }
  });
}

/**
 * Sends the deliveries that are due, signed (HMAC-SHA256 over timestamp and body) so the receiver
 * can check they are ours and fresh. A failure is retried with exponential backoff; a subscription
 * whose receiver keeps failing is disabled, and says why. Returns how many it attempted.
 */
export async function sendDueDeliveries(db: Db, policy: DeliveryPolicy = defaultDeliveryPolicy, batchSize = 20): Promise<number> {
  const due = await claimDue(db, batchSize);
  await Promise.all(due.map(async (delivery) => recordOutcome(db, delivery, await post(delivery, policy.timeoutMs), policy)));
  return due.length;
}
