import type { Transaction } from 'kysely';
import { addDays, now } from '../../platform/clock.ts';
import type { Database } from '../../platform/db-schema.ts';
import type { MailLinks } from '../../platform/links.ts';
import { signToken } from '../customer-links/index.ts';

export type EmailToQueue = {
  idempotencyKey: string;
  accountId: string | null;
  touchId?: string | null;
  contactId?: string | null;
  userId?: string | null;
  to: string;
  subject: string;
  body: string;
  sendAfter: Date;
  /** Whose inbox a reply reaches (mail to a customer only): the owner unless it is service mail. */
  replyAs?: 'owner' | 'service_owner' | undefined;
  /** When it was decided (a simulation's clock, for a batch written later); now by default. */
  queuedAt?: Date | undefined;
};

const unsubscribeLinkDays = 365;

export function unsubscribeUrl(links: MailLinks, contactId: string, at: Date = now()): string {
  const token = signToken(links.secret, { purpose: 'unsubscribe', subject: contactId, expiresAt: addDays(at, unsubscribeLinkDays).getTime() });
  return `${links.publicUrl.replace(/\/$/, '')}/u/${token}`;
}

function messageRow(email: EmailToQueue, links: MailLinks) {
  return {
    idempotency_key: email.idempotencyKey,
    account_id: email.accountId,
    touch_id: email.touchId ?? null,
    contact_id: email.contactId ?? null,
    user_id: email.userId ?? null,
    to_email: email.to,
    subject: email.subject,
    body_text: email.body,
    unsubscribe_url: email.contactId ? unsubscribeUrl(links, email.contactId, email.queuedAt) : null,
    send_after: email.sendAfter,
    reply_as: email.accountId && email.contactId ? (email.replyAs ?? 'owner') : null,
  };
}

/**
 * Puts emails in the outbox inside the caller's transaction. The idempotency key is unique, so the
 * same step queued twice (a retried transaction, a second worker) yields one message. Returns how
 * many were new.
 */
export async function queueEmails(trx: Transaction<Database>, emails: EmailToQueue[], links: MailLinks): Promise<number> {
  let queued = 0;
  // A thousand rows a statement stays well under PostgreSQL's limit of 65,535 parameters.
  for (let i = 0; i < emails.length; i += 1000) {
    const result = await trx
      .insertInto('messages')
      .values(emails.slice(i, i + 1000).map((email) => messageRow(email, links)))
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .executeTakeFirst();
    queued += Number(result.numInsertedOrUpdatedRows ?? 0n);
  }
  return queued;
}

export async function queueEmail(trx: Transaction<Database>, email: EmailToQueue, links: MailLinks): Promise<boolean> {
  return (await queueEmails(trx, [email], links)) > 0;
}
