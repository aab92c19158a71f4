/**
 * The personal calendar feed (iCal) of planned touches, behind a per-user secret URL.
 */
export { registerCalendarRoutes } from './calendar.routes.ts';
/** Whether the signed-in person has a live calendar link, and since when. */
export type CalendarFeedStatusView = Awaited<ReturnType<typeof import('./calendar.service.ts').calendarFeedStatus>>;
/** A new calendar link: the secret URL is in this answer only. */
export type NewCalendarFeedView = Awaited<ReturnType<typeof import('./calendar.service.ts').createCalendarFeed>>;
