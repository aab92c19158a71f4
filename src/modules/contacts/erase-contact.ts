import type { Transaction } from 'kysely';
import { now } from '../../platform/clock.ts';
import type { Database } from '../../platform/db-schema.ts';
import { notFound } from '../../platform/errors.ts';
import { refreshAccountSearch } from '../accounts/index.ts';

/**
 * Replaces what identifies a contact (name, email, phone, title, address) and withdraws every
 * consent, keeping the row so the account's history and counts stay whole. Nothing is mailed to an
 * erased contact again: it is unsubscribed.
 */
export async function anonymiseContact(trx: Transaction<Database>, contact: { accountId: string; id: string }): Promise<void> {
  const row = await trx
    .updateTable('contacts')
    .set({ name: 'Erased contact', email: null, phone: null, title: null, postal_address: null, newsletter_consent: false, consent_at: null, unsubscribed_at: now() })
    .where('account_id', '=', contact.accountId)
    .where('id', '=', contact.id)
    .returning('id')
    .executeTakeFirst();
  if (!row) throw notFound('Contact');
  await refreshAccountSearch(trx, [contact.accountId]);
}
