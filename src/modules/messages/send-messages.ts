import { sql } from 'kysely';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { appendEvent } from '../../platform/events.ts';
import { type CompanyBrand, companyBrand } from '../company/index.ts';
import { recordEmailDelivery } from '../touches/index.ts';
import type { MailTransport, OutgoingMail } from './transport.ts';

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
    const touch = { accountId: message.account_id, touchId: message.touch_id };
    await recordEmailDelivery(trx, touch, outcome.status === 'sent' ? { sent: true } : { sent: false, reason: outcome.error ?? 'Not sent' });
    await appendEvent(trx, { type: `message.${outcome.status}`, accountId: message.account_id, subjectId: message.id, payload: { to: message.to_email, subject: message.subject, error: outcome.error ?? null } });
  });
}

type ReplyTo = { name: string; address: string };

/** The owner (or service owner) each claimed customer email speaks for, read when it is sent. */
async function replyAddresses(db: Db, claimed: Claimed[]): Promise<Map<string, ReplyTo>> {
  const ids = claimed.filter((m) => m.reply_as && m.account_id).map((m) => m.id);
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('messages')
    .innerJoin('accounts', 'accounts.id', 'messages.account_id')
    .innerJoin('users', (join) =>
      join.on((eb) =>
        eb.or([
          eb.and([eb('messages.reply_as', '=', 'owner'), eb('users.id', '=', eb.ref('accounts.owner_id'))]),
          eb.and([eb('messages.reply_as', '=', 'service_owner'), eb('users.id', '=', eb.fn.coalesce('accounts.service_owner_id', 'accounts.owner_id'))]),
        ]),
      ),
    )
    .select(['messages.id', 'users.name', 'users.email'])
    .where('messages.id', 'in', ids)
    .where('users.active', '=', true)
    .execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, address: r.email }]));
}

/**
 * The configured sender address under the business's name, once one is set in the company
 * settings: customers see who wrote, while the address stays the one the mail server may send as.
 */
function senderAs(from: string, brand: CompanyBrand | null): OutgoingMail['from'] {
  if (!brand?.name) return from;
  const address = /<([^>]+)>\s*$/.exec(from)?.[1] ?? from.trim();
  return { name: brand.name, address };
}

/** Sends what is due now; returns how many messages it handled. */
export async function sendDueMessages(db: Db, options: SenderOptions): Promise<number> {
  const claimed = await claimDueMessages(db, options);
  const replyTo = await replyAddresses(db, claimed);
  const brand = claimed.length ? await companyBrand(db) : null;
  for (const message of claimed) {
    if (!(await isStillReachable(db, message))) {
      await finish(db, message, { status: 'suppressed', error: 'The contact has unsubscribed' });
      continue;
    }
    try {
      await options.transport.send({
        messageId: `<${message.id}@afterclose>`,
        from: senderAs(options.from, brand),
        to: message.to_email,
        subject: message.subject,
        text: brand?.name ? `${message.body_text}\n\n${brand.name}` : message.body_text,
        unsubscribeUrl: message.unsubscribe_url,
        replyTo: replyTo.get(message.id) ?? (brand?.replyTo ? { name: brand.name, address: brand.replyTo } : null),
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
