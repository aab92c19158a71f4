/**
 * In-app notifications (the bell): made from the event log for whom an event concerns (a task or
 * issue given to them, a detractor on their account, a failed import, a webhook that stopped),
 * listed and marked read by that person only.
 */
export { notificationTicker, notifyFromEvents } from './notify-from-events.ts';
export { registerNotificationRoutes } from './notifications.routes.ts';
export type { Notification } from './notifications.service.ts';
