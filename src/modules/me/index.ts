/**
 * My day for each person: what is due, the digest email, and their profile (time zone, digest).
 */
export { dailyDigestJob } from './digest.ts';
export { registerMeRoutes } from './me.routes.ts';
export { myDay } from './my-day.queries.ts';
