/**
 * In-app notifications (the bell): made from the event log for whom an event concerns (a task or
 * issue given to them, a detractor on their account, a failed import, a webhook that stopped),
 * listed and marked read by that person only.
 */
export { notificationTicker, notifyFromEvents } from './notify-from-events.ts';
export { registerNotificationRoutes } from './notifications.routes.ts';
export type { Notification } from './notifications.service.ts';
/** How many notifications the signed-in person has not read (the bell's badge). */
export type UnreadCountView = Awaited<ReturnType<typeof import('./notifications.service.ts').countUnreadNotifications>>;
/** What marking every notification read answers: how many were marked, and the new unread count. */
export type MarkedAllReadView = Awaited<ReturnType<typeof import('./notifications.service.ts').markAllNotificationsRead>>;
/** What marking one notification read answers. */
export type MarkedReadView = Awaited<ReturnType<typeof import('./notifications.service.ts').markNotificationRead>>;
