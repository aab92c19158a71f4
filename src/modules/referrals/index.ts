/**
 * Referrals: asking promoters, the public referral form, the referred deals and thanking the referrer.
 */
export { sendDueReferralAsks, sendDueReferralAsksJob } from './ask-for-referral.ts';
export { referralOutcomeTicker, syncReferralOutcomesJob } from './referral-outcomes.ts';
export { registerReferralRoutes } from './referrals.routes.ts';
