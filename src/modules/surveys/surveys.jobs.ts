import { z } from 'zod';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import type { JobDefinition } from '../../platform/jobs.ts';
import type { MailLinks } from '../../platform/links.ts';
import { mailDueLinkTouches } from './due-link-touches.ts';
import { inviteToSurveyInTransaction } from './invite-to-survey.ts';

/** Mails the survey steps of playbooks that are due (the follow-up after an issue, the annual NPS). */
export async function sendDueSurveyInvites(db: Db, links: MailLinks): Promise<number> {
  return mailDueLinkTouches(db, 'survey', async (trx, touch) => {
    await inviteToSurveyInTransaction(
      trx,
      {
        accountId: touch.account_id,
        touchId: touch.id,
        contactId: touch.contact_id,
        email: touch.email,
        kind: touch.step?.survey_kind === 'csat' ? 'csat' : 'nps',
        subject: touch.subject,
        intro: touch.notes ?? '',
        issueId: typeof touch.trigger?.issue_id === 'string' ? touch.trigger.issue_id : null,
        sendAfter: now(),
        replyAs: touch.step?.assignee === 'service_owner' ? 'service_owner' : 'owner',
      },
      links,
    );
  });
}

/** Hourly: invite the customers whose planned survey is due. */
export const sendDueSurveysJob: JobDefinition = {
  name: 'surveys.send_due_invites',
  payload: z.object({}),
  async run({ db, links }) {
    await sendDueSurveyInvites(db, links);
  },
  // Every minute, so an invite planned "at once" (after a resolved issue) goes out at once.
  scheduleKey: (at) => `surveys.send_due_invites:${at.toISOString().slice(0, 16)}`,
};
