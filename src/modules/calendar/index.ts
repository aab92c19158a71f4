/**
 * The personal calendar feed (iCal) of planned touches, behind a per-user secret URL.
 */
export { registerCalendarRoutes } from './calendar.routes.ts';
