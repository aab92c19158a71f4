import { z } from 'zod';
import { type App, type AppContext, currentUser, idParams } from '../../platform/http.ts';
import { pageQuery } from '../../platform/paging.ts';
import { countUnreadNotifications, listNotifications, markAllNotificationsRead, markNotificationRead } from './notifications.service.ts';

const listQuery = pageQuery.extend({ unread: z.enum(['true', 'false']).optional().transform((v) => v === 'true') });

/** Everyone reads and marks only their own notifications: no route takes a user id. */
export function registerNotificationRoutes(app: App, { db }: AppContext): void {
  const tags = ['notifications'];
  app.get('/api/v1/notifications', { schema: { querystring: listQuery, tags } }, async (request) =>
    listNotifications(db, currentUser(request).id, request.query),
  );
  app.get('/api/v1/notifications/unread-count', { schema: { tags } }, async (request) => countUnreadNotifications(db, currentUser(request).id));
  app.post('/api/v1/notifications/:id/read', { schema: { params: idParams, tags } }, async (request) =>
    markNotificationRead(db, currentUser(request).id, request.params.id),
  );
  app.post('/api/v1/notifications/read-all', { schema: { tags } }, async (request) => markAllNotificationsRead(db, currentUser(request).id));
}
