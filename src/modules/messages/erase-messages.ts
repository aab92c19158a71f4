import type { Transaction } from 'kysely';
import type { Database } from '../../platform/db-schema.ts';

/**
 * An erased contact's emails stay counted (sent, failed) but lose address, subject and text; any
 * still waiting in the outbox will never be sent.
 */
export async function anonymiseContactMessages(trx: Transaction<Database>, contact: { accountId: string; id: string }): Promise<string[]> {
  await trx
    .updateTable('messages')
    .set({ status: 'suppressed', error: 'The contact was erased' })
    .where('account_id', '=', contact.accountId)
    .where('contact_id', '=', contact.id)
    .where('status', 'in', ['queued', 'sending'])
    .execute();
  const rows = await trx
    .updateTable('messages')
    .set({ to_email: 'erased@invalid', subject: 'Email to an erased contact', body_text: '', unsubscribe_url: null })
    .where('account_id', '=', contact.accountId)
    .where('contact_id', '=', contact.id)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}
