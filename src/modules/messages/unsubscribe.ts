import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { appendEvent } from '../../platform/events.ts';
import { appSecret } from '../customer-links/index.ts';
import { verifyToken } from '../customer-links/index.ts';

export type UnsubscribeResult = { status: 'unsubscribed' | 'already' | 'invalid' | 'expired'; email?: string | null };

/** Checks an unsubscribe link without changing anything, so the page can ask before acting. */
export async function checkUnsubscribeToken(db: Db, token: string): Promise<UnsubscribeResult> {
  const check = verifyToken(await appSecret(db), token, 'unsubscribe', now().getTime());
  if (!check.ok) return { status: check.reason };
  const contact = await db.selectFrom('contacts').select(['email', 'unsubscribed_at']).where('id', '=', check.subject).executeTakeFirst();
  if (!contact) return { status: 'invalid' };
  return { status: contact.unsubscribed_at ? 'already' : 'unsubscribed', email: contact.email };
}

/**
 * Unsubscribes the contact a signed link names, and withdraws newsletter consent. Messages still in
 * the outbox are suppressed when the sender reaches them.
 */
export async function unsubscribeByToken(db: Db, token: string): Promise<UnsubscribeResult> {
  const check = verifyToken(await appSecret(db), token, 'unsubscribe', now().getTime());
  if (!check.ok) return { status: check.reason };
  return db.transaction().execute(async (trx) => {
    const contact = await trx
      .updateTable('contacts')
      .set({ unsubscribed_at: now(), newsletter_consent: false, consent_at: null })
      .where('id', '=', check.subject)
      .where('unsubscribed_at', 'is', null)
      .returning(['account_id', 'email'])
      .executeTakeFirst();
    if (!contact) return { status: 'already' as const };
    await appendEvent(trx, { type: 'contact.unsubscribed', accountId: contact.account_id, subjectId: check.subject });
    return { status: 'unsubscribed' as const, email: contact.email };
  });
}
