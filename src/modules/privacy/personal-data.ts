import { recordAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';

/**
 * Everything Afterclose holds about one contact, as one JSON document: the contact, the touches with
 * them, the emails sent to them, their survey answers, the issues they raised and the referrals they
 * made. What a business hands over when a person asks for their data.
 */
export async function exportPersonalData(db: Db, contactId: string, actorId: string) {
  const contact = await db.selectFrom('contacts').selectAll().where('id', '=', contactId).executeTakeFirst();
  if (!contact) throw notFound('Contact');
  const scope = { account: contact.account_id, contact: contact.id };
  const [account, touches, messages, surveys, issues, referrals] = await Promise.all([
    db.selectFrom('accounts').select(['id', 'name']).where('id', '=', scope.account).executeTakeFirstOrThrow(),
    db
      .selectFrom('touches')
      .select(['id', 'kind', 'subject', 'notes', 'status', 'due_at', 'done_at', 'outcome', 'created_at'])
      .where('account_id', '=', scope.account)
      .where('contact_id', '=', scope.contact)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('messages')
      .select(['id', 'to_email', 'subject', 'body_text', 'status', 'sent_at', 'created_at'])
      .where('account_id', '=', scope.account)
      .where('contact_id', '=', scope.contact)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('survey_invites')
      .leftJoin('survey_responses', (join) => join.onRef('survey_responses.account_id', '=', 'survey_invites.account_id').onRef('survey_responses.invite_id', '=', 'survey_invites.id'))
      .select(['survey_invites.id', 'survey_invites.survey_kind', 'survey_invites.created_at', 'survey_responses.score', 'survey_responses.comment', 'survey_responses.answered_at'])
      .where('survey_invites.account_id', '=', scope.account)
      .where('survey_invites.contact_id', '=', scope.contact)
      .orderBy('survey_invites.created_at')
      .execute(),
    db
      .selectFrom('issues')
      .select(['id', 'title', 'description', 'status', 'created_at', 'resolved_at'])
      .where('account_id', '=', scope.account)
      .where('contact_id', '=', scope.contact)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('referrals')
      .select(['id', 'name', 'email', 'status', 'created_at'])
      .where('account_id', '=', scope.account)
      .where('referrer_contact_id', '=', scope.contact)
      .orderBy('created_at')
      .execute(),
  ]);
  // Handing a person's data out is itself worth a line in the audit log: who took it, and when.
  await db.transaction().execute((trx) =>
    recordAudit(trx, { actorId, action: 'contact.personal_data_exported', entityType: 'contact', entityId: contact.id, accountId: contact.account_id }),
  );
  return { exported_at: new Date().toISOString(), contact, account, touches, messages, surveys, issues, referrals };
}
