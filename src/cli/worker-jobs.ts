import { scoreAccountsJob } from '../modules/analytics/index.ts';
import { planGoalReviewsJob } from '../modules/goals/index.ts';
import { dailyDigestJob } from '../modules/me/index.ts';
import { messageSenderTicker } from '../modules/messages/index.ts';
import type { MailTransport } from '../modules/messages/index.ts';
import { notificationTicker } from '../modules/notifications/index.ts';
import { lateOrderTicker } from '../modules/orders/index.ts';
import { playbookEventTicker, scanTimeTriggers } from '../modules/playbooks/index.ts';
import { sendDueReferralAsksJob } from '../modules/referrals/index.ts';
import { referralOutcomeTicker, syncReferralOutcomesJob } from '../modules/referrals/index.ts';
import { sendDueSurveysJob } from '../modules/surveys/index.ts';
import { deliverWebhooksJob } from '../modules/webhooks/index.ts';
import type { Env } from '../platform/env.ts';
import type { JobDefinition, Ticker } from '../platform/jobs.ts';
import { purgeExpiredSessions } from '../worker/housekeeping.ts';

/**
 * Every job a worker knows. The CLI assembles the worker from the modules' jobs, so the worker loop
 * itself imports no feature module; a module with a new job adds it here.
 */
export const jobRegistry: JobDefinition[] = [
  purgeExpiredSessions,
  scanTimeTriggers,
  dailyDigestJob,
  scoreAccountsJob,
  sendDueSurveysJob,
  sendDueReferralAsksJob,
  syncReferralOutcomesJob,
  planGoalReviewsJob,
  deliverWebhooksJob,
];

/** What a worker does on every tick: start the playbook runs new events trigger, follow referral outcomes, chase late orders, tell people in the app, send due mail. */
export function workerTickers(transport: MailTransport, env: Pick<Env, 'MAIL_FROM' | 'MESSAGE_LEASE_SECONDS'>): Ticker[] {
  return [playbookEventTicker, referralOutcomeTicker, lateOrderTicker, notificationTicker, messageSenderTicker(transport, env)];
}
