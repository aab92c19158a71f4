/**
 * My day for each person: what is due, the digest email, and their profile (time zone, digest).
 */
export { dailyDigestJob } from './digest.ts';
export { registerMeRoutes } from './me.routes.ts';
export { myDay } from './my-day.queries.ts';
/** My day as the API answers it. */
export type MyDayView = Awaited<ReturnType<typeof import('./my-day.queries.ts').myDay>>;
/** The signed-in person's profile as the API answers it. */
export type ProfileView = Awaited<ReturnType<typeof import('./me.service.ts').userProfile>>;
/** What snoozing an account answers: the account and the moment it wakes up. */
export type SnoozedAccountView = Awaited<ReturnType<typeof import('./me.service.ts').snoozeAccount>>;
