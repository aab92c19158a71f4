/**
 * Referrals: asking promoters, the public referral form, the referred deals and thanking the referrer.
 */
export { sendDueReferralAsks, sendDueReferralAsksJob } from './ask-for-referral.ts';
export { referralOutcomeTicker, syncReferralOutcomesJob } from './referral-outcomes.ts';
export { registerReferralRoutes } from './referrals.routes.ts';
/** A referral as the API lists it. */
export type ReferralView = Awaited<ReturnType<typeof import('./referrals.queries.ts').listReferrals>>['items'][number];
/** The referral totals and leaderboard as the API answers them. */
export type ReferralStatsView = Awaited<ReturnType<typeof import('./referrals.queries.ts').referralStats>>;
export { referralStatuses } from './referrals.schema.ts';
export type { UpdateReferralInput } from './referrals.schema.ts';
/** What asking a contact for referrals answers: the referral-ask touch. */
export type ReferralAskedView = Awaited<ReturnType<typeof import('./ask-for-referral.ts').askForReferral>>;
/** What a client sends to ask a contact for referrals now. */
export type AskForReferralsBody = Parameters<typeof import('./ask-for-referral.ts').askForReferral>[1];
