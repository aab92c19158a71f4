import { recordAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { appendEvent, scrubEventPayloads } from '../../platform/events.ts';
import { accountOfRow } from '../../platform/account-rows.ts';
import { anonymiseContact } from '../contacts/index.ts';
import { anonymiseContactMessages } from '../messages/index.ts';
import { anonymiseContactAnswers } from '../surveys/index.ts';
import { anonymiseContactTouches } from '../touches/index.ts';

/**
 * Erases a person on request, in one transaction: the contact's identifying fields, the words of
 * their touches, their emails' addresses and text, their survey comments and those details in the
 * event log. Counts stay (touches, emails sent, NPS scores), so reports and health scores keep their
 * shape; the timeline shows that the contact was erased and by whom.
 */
export async function eraseContact(db: Db, contactId: string, actorId: string) {
  return db.transaction().execute(async (trx) => {
    const accountId = await accountOfRow(trx, 'contacts', contactId);
    if (!accountId) throw notFound('Contact');
    const contact = await trx.selectFrom('contacts').select(['account_id', 'id']).where('account_id', '=', accountId).where('id', '=', contactId).forUpdate().executeTakeFirst();
    if (!contact) throw notFound('Contact');
    const who = { accountId: contact.account_id, id: contact.id };
    const touches = await trx.selectFrom('touches').select('id').where('account_id', '=', who.accountId).where('contact_id', '=', who.id).execute();
    await anonymiseContactTouches(trx, who);
    const messageIds = await anonymiseContactMessages(trx, who);
    const inviteIds = await anonymiseContactAnswers(trx, who);
    await scrubEventPayloads(trx, who.accountId, messageIds, ['to', 'subject']);
    await scrubEventPayloads(trx, who.accountId, inviteIds, ['comment']);
    await anonymiseContact(trx, who);
    const counts = { touches: touches.length, messages: messageIds.length, survey_invites: inviteIds.length };
    await appendEvent(trx, { type: 'contact.erased', accountId: who.accountId, subjectId: who.id, actorId, payload: counts });
    await recordAudit(trx, { actorId, action: 'contact.erased', entityType: 'contact', entityId: who.id, accountId: who.accountId, changes: counts });
    return { contact_id: who.id, erased: counts };
  });
}
