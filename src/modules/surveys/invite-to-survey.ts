import type { Transaction } from 'kysely';
import { addDays, now } from '../../platform/clock.ts';
import type { Database } from '../../platform/db-schema.ts';
import type { Db } from '../../platform/db.ts';
import type { SurveyKind } from '../../platform/db-schema.ts';
import { AppError } from '../../platform/errors.ts';
import { appendEvent } from '../../platform/events.ts';
import { planTouchInTransaction } from '../touches/index.ts';
import type { MailLinks } from '../../platform/links.ts';
import { queueEmail } from '../messages/index.ts';
import { preparePublicLink } from '../customer-links/index.ts';
import { type SendSurveyInput, surveyLinkDays } from './surveys.schema.ts';

export type SurveyInvite = {
  accountId: string;
  touchId: string;
  contactId: string;
  email: string;
  kind: SurveyKind;
  subject: string;
  /** The words before the question, e.g. from the playbook step. */
  intro: string;
  issueId?: string | null;
  sendAfter: Date;
  /** Service mail (after an issue, or a step the service owner does) is answered by the service owner. */
  replyAs?: 'owner' | 'service_owner';
};

/**
 * Creates the invite (token hash, expiry) and queues its email in the caller's transaction, so a
 * survey is either invited and mailed, or neither. The message is keyed by its touch, which the
 * sender marks done, so the invite shows on the timeline.
 */
export async function inviteToSurveyInTransaction(trx: Transaction<Database>, invite: SurveyInvite, links: MailLinks): Promise<string> {
  const survey = await trx.selectFrom('surveys').select(['question']).where('kind', '=', invite.kind).executeTakeFirstOrThrow();
  const link = preparePublicLink('survey', invite.accountId, addDays(invite.sendAfter, surveyLinkDays), links);
  await trx
    .insertInto('survey_invites')
    .values({
      account_id: invite.accountId,
      id: link.id,
      survey_kind: invite.kind,
      contact_id: invite.contactId,
      touch_id: invite.touchId,
      issue_id: invite.issueId ?? null,
      token_hash: link.tokenHash,
      created_at: now(),
      expires_at: link.expiresAt,
    })
    .execute();
  const body = [
    invite.intro.trim(),
    `${survey.question}\nPlease answer here, it takes ten seconds:\n${link.url}`,
    `The link works until ${link.expiresAt.toISOString().slice(0, 10)}. Thank you!`,
  ].filter(Boolean).join('\n\n');
  await queueEmail(
    trx,
    { idempotencyKey: `touch:${invite.touchId}`, accountId: invite.accountId, touchId: invite.touchId, contactId: invite.contactId, to: invite.email, subject: invite.subject, body, sendAfter: invite.sendAfter, replyAs: invite.replyAs ?? (invite.issueId ? 'service_owner' : 'owner') },
    links,
  );
  return link.id;
}

const subjects: Record<SurveyKind, (account: string) => string> = {
  nps: (account) => `${account}, would you recommend us?`,
  csat: () => 'How did we do?',
};

/** Sends one survey to one contact now, from the app or an integration: a survey touch and its invite. */
export async function sendSurvey(db: Db, input: SendSurveyInput, actorId: string, links: MailLinks) {
  return db.transaction().execute(async (trx) => {
    const contact = await trx
      .selectFrom('contacts')
      .innerJoin('accounts', 'accounts.id', 'contacts.account_id')
      .select(['contacts.id', 'contacts.name', 'contacts.email', 'contacts.unsubscribed_at', 'accounts.name as account_name'])
      .where('contacts.account_id', '=', input.account_id)
      .where('contacts.id', '=', input.contact_id)
      .executeTakeFirst();
    if (!contact) throw new AppError('unprocessable', 'No contact with this id on the account', 'contact_id');
    if (!contact.email || contact.unsubscribed_at) {
      throw new AppError('unprocessable', 'This contact has no email address or has unsubscribed', 'contact_id');
    }
    const at = now();
    const subject = subjects[input.kind](contact.account_name);
    const touch = await planTouchInTransaction(trx, { accountId: input.account_id, kind: 'survey', subject, contactId: contact.id, assigneeId: null, dueAt: at, actorId });
    const inviteId = await inviteToSurveyInTransaction(
      trx,
      { accountId: input.account_id, touchId: touch.id, contactId: contact.id, email: contact.email, kind: input.kind, subject, intro: `Dear ${contact.name},`, sendAfter: at },
      links,
    );
    await appendEvent(trx, { type: 'survey.invited', accountId: input.account_id, subjectId: inviteId, actorId, payload: { title: subject, kind: input.kind } });
    return { invite_id: inviteId, touch };
  });
}
