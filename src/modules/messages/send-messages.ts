import { sql } from 'kysely';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { appendEvent } from '../../platform/events.ts';
import type { MailTransport } from './transport.ts';

export type SenderOptions = { transport: MailTransport; from: string; leaseSeconds: number; batchSize?: number; maxAttempts?: number };

/**
 * Claims due messages with FOR UPDATE SKIP LOCKED (any number of workers, no message twice), marks
 * them as being sent with a lease, and commits the claim before sending. A worker that dies mid-batch
 * leaves its claims to expire; the next worker sends them with the same Message-ID.
 */
async function claimDueMessages(db: Db, options: SenderOptions) {
  const at = now();
  const leaseEnd = new Date(at.getTime() + options.leaseSeconds * 1000);
  return db
    .updateTable('messages')
    .set({ status: 'sending', attempts: sql`attempts + 1`, locked_until: leaseEnd })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('messages')
        .select('id')
        .where((w) =>
          w.or([
            w.and([w('status', '=', 'queued'), w('send_after', '<=', at)]),
            w.and([w('status', '=', 'sending'), w('locked_until', '<', at)]),
          ]),
        )
        .orderBy('send_after')
        .limit(options.batchSize ?? 10)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
}

type Claimed = Awaited<ReturnType<typeof claimDueMessages>>[number];

async function isStillReachable(db: Db, message: Claimed): Promise<boolean> {
  if (!message.contact_id || !message.account_id) return true;
  const contact = await db.selectFrom('contacts').select('unsubscribed_at').where('account_id', '=', message.account_id).where('id', '=', message.contact_id).executeTakeFirst();
  return contact !== undefined && contact.unsubscribed_at === null;
}

async function finish(db: Db, message: Claimed, outcome: { status: 'sent' | 'suppressed' | 'failed' | 'queued'; error?: string; retryAt?: Date }) {
  await db.transaction().execute(async (trx) => {
    const at = now();
    await trx
      .updateTable('messages')
      .set({
        status: outcome.status,
        sent_at: outcome.status === 'sent' ? at : null,
        error: outcome.error ?? null,
        locked_until: null,
        ...(outcome.retryAt ? { send_after: outcome.retryAt } : {}),
      })
      .where('id', '=', message.id)
      .execute();
    if (!message.touch_id || !message.account_id || outcome.status === 'queued') return;
    const sent = outcome.status === 'sent';
    await trx
      .updateTable('touches')
      .set(sent ? { status: 'done', done_at: at, outcome: 'Email sent' } : { status: 'skipped', outcome: outcome.error ?? 'Not sent' })
      .where('account_id', '=', message.account_id)
      .where('id', '=', message.touch_id)
      .where('status', '=', 'planned')
      .execute();
    await appendEvent(trx, { type: `message.${outcome.status}`, accountId: message.account_id, subjectId: message.id, payload: { to: message.to_email, subject: message.subject, error: outcome.error ?? null } });
  });
}

/** Sends what is due now; returns how many messages it handled. */
export async function sendDueMessages(db: Db, options: SenderOptions): Promise<number> {
  const claimed = await claimDueMessages(db, options);
  for (const message of claimed) {
    if (!(await isStillReachable(db, message))) {
      await finish(db, message, { status: 'suppressed', error: 'The contact has unsubscribed' });
      continue;
    }
    try {
      await options.transport.send({
        messageId: `<${message.id}@afterclose>`,
        from: options.from,
        to: message.to_email,
        subject: message.subject,
        text: message.body_text,
        unsubscribeUrl: message.unsubscribe_url,
      });
      await finish(db, message, { status: 'sent' });
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      const failed = message.attempts >= (options.maxAttempts ?? 5);
      // Backoff doubles from one minute: 1, 2, 4, 8 … minutes.
      const retryAt = new Date(now().getTime() + 60_000 * 2 ** (message.attempts - 1));
      await finish(db, message, failed ? { status: 'failed', error: text } : { status: 'queued', error: text, retryAt });
    }
  }
  return claimed.length;
}
