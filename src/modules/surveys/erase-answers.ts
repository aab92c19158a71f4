import type { Transaction } from 'kysely';
import type { Database } from '../../platform/db-schema.ts';

/** An erased contact's survey scores still count towards NPS and CSAT; their comments are removed. */
export async function anonymiseContactAnswers(trx: Transaction<Database>, contact: { accountId: string; id: string }): Promise<string[]> {
  const invites = await trx.selectFrom('survey_invites').select('id').where('account_id', '=', contact.accountId).where('contact_id', '=', contact.id).execute();
  const ids = invites.map((i) => i.id);
  if (ids.length) await trx.updateTable('survey_responses').set({ comment: null }).where('account_id', '=', contact.accountId).where('invite_id', 'in', ids).execute();
  return ids;
}
