import { dailyDigestJob } from '../modules/me/digest.ts';
import { scanTimeTriggers } from '../modules/playbooks/playbooks.jobs.ts';
import { scoreAccountsJob } from '../modules/analytics/analytics.jobs.ts';
import { planGoalReviewsJob } from '../modules/goals/goal-reviews.ts';
import { sendDueReferralAsksJob } from '../modules/referrals/ask-for-referral.ts';
import { syncReferralOutcomesJob } from '../modules/referrals/referral-outcomes.ts';
import { sendDueSurveysJob } from '../modules/surveys/surveys.jobs.ts';
import { deliverWebhooksJob } from '../modules/webhooks/webhooks.jobs.ts';
import { purgeExpiredSessions } from './housekeeping.ts';
import type { JobDefinition } from './jobs.ts';

/** Every job a worker knows; a module adds its jobs here. */
export const jobRegistry: JobDefinition[] = [purgeExpiredSessions, scanTimeTriggers, dailyDigestJob, scoreAccountsJob, sendDueSurveysJob, sendDueReferralAsksJob, syncReferralOutcomesJob, planGoalReviewsJob, deliverWebhooksJob];
