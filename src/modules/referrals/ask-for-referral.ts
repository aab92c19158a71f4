import type { Transaction } from 'kysely';
import { z } from 'zod';
import { now } from '../../platform/clock.ts';
import type { Database } from '../../platform/db-schema.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { planTouchInTransaction } from '../touches/index.ts';
import type { JobDefinition } from '../../platform/jobs.ts';
import type { MailLinks } from '../../platform/links.ts';
import { queueEmail } from '../messages/index.ts';
import { mailDueLinkTouches } from '../surveys/index.ts';
import { prepareReferralLink, storeReferralLink } from './referral-links.ts';

type ReferralAsk = { accountId: string; touchId: string; contactId: string; email: string; subject: string; body: string };

/** Stores a fresh referral form link and queues the email that carries it, in the caller's transaction. */
async function mailReferralAsk(trx: Transaction<Database>, ask: ReferralAsk, links: MailLinks): Promise<void> {
  const at = now();
  const link = prepareReferralLink(ask.accountId, at, links);
  await storeReferralLink(trx, link, { contactId: ask.contactId, touchId: ask.touchId });
  const body = `${ask.body.trim()}\n\nTell us who here (it takes a minute):\n${link.url}\n\nThe form works until ${link.expiresAt.toISOString().slice(0, 10)}.`;
  await queueEmail(
    trx,
    { idempotencyKey: `touch:${ask.touchId}`, accountId: ask.accountId, touchId: ask.touchId, contactId: ask.contactId, to: ask.email, subject: ask.subject, body, sendAfter: at },
    links,
  );
}

/** Mails the referral asks of playbooks that are due (the promoter playbook), each with its form link. */
export async function sendDueReferralAsks(db: Db, links: MailLinks): Promise<number> {
  return mailDueLinkTouches(db, 'referral_ask', (trx, touch) =>
    mailReferralAsk(trx, { accountId: touch.account_id, touchId: touch.id, contactId: touch.contact_id, email: touch.email, subject: touch.subject, body: touch.notes ?? '' }, links),
  );
}

export const sendDueReferralAsksJob: JobDefinition = {
  name: 'referrals.send_due_asks',
  payload: z.object({}),
  async run({ db, links }) {
    await sendDueReferralAsks(db, links);
  },
  // Every minute, so a promoter's thank-you with the referral link follows the answer closely.
  scheduleKey: (at) => `referrals.send_due_asks:${at.toISOString().slice(0, 16)}`,
};

/** Asks one contact for referrals now, from the app: a referral-ask touch and its email. */
export async function askForReferral(db: Db, input: { account_id: string; contact_id: string }, actor: { id: string; name: string }, links: MailLinks) {
  return db.transaction().execute(async (trx) => {
    const contact = await trx
      .selectFrom('contacts')
      .select(['id', 'name', 'email', 'unsubscribed_at'])
      .where('account_id', '=', input.account_id)
      .where('id', '=', input.contact_id)
      .executeTakeFirst();
    if (!contact) throw new AppError('unprocessable', 'No contact with this id on the account', 'contact_id');
    if (!contact.email || contact.unsubscribed_at) throw new AppError('unprocessable', 'This contact has no email address or has unsubscribed', 'contact_id');
    const at = now();
    const subject = 'Do you know someone who would benefit?';
    const body = `Dear ${contact.name},\n\nwe are glad to work with you. Is there anyone else who would benefit from working with us? Tell us who, and we will take good care of them.\n\nWarm regards,\n${actor.name}`;
    const touch = await planTouchInTransaction(trx, {
      accountId: input.account_id,
      kind: 'referral_ask',
      subject,
      notes: body,
      contactId: contact.id,
      assigneeId: null,
      dueAt: at,
      actorId: actor.id,
    });
    await mailReferralAsk(trx, { accountId: input.account_id, touchId: touch.id, contactId: contact.id, email: contact.email, subject, body }, links);
    return touch;
  });
}
