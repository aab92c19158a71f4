import type { Selectable } from 'kysely';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import type { Database } from '../../platform/db-schema.ts';
import { notFound } from '../../platform/errors.ts';
import { keysetPage, type Page, type PageRequest } from '../../platform/paging.ts';

export type Notification = Pick<Selectable<Database['notifications']>, 'id' | 'kind' | 'title' | 'body' | 'link' | 'created_at' | 'read_at'>;

/** A person's own notifications, newest first, a page at a time. */
export async function listNotifications(db: Db, userId: string, request: PageRequest & { unread?: boolean | undefined }): Promise<Page<Notification>> {
  let query = db
    .selectFrom('notifications')
    .select(['notifications.id', 'notifications.kind', 'notifications.title', 'notifications.body', 'notifications.link', 'notifications.created_at', 'notifications.read_at'])
    .where('notifications.user_id', '=', userId);
  if (request.unread) query = query.where('notifications.read_at', 'is', null);
  return keysetPage(
    query,
    [
      { by: 'notifications.created_at', type: 'timestamptz', order: 'desc' },
      { by: 'notifications.id', type: 'uuid', order: 'desc' },
    ],
    request,
  );
}

export async function countUnreadNotifications(db: Db, userId: string): Promise<{ unread: number }> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { unread: Number(row.n) };
}

/** Marks one of the person's own notifications read; someone else's is not found, as if it did not exist. */
export async function markNotificationRead(db: Db, userId: string, id: string): Promise<{ unread: number }> {
  const found = await db
    .updateTable('notifications')
    .set((eb) => ({ read_at: eb.fn.coalesce('read_at', eb.val(now())) }))
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .returning('id')
    .executeTakeFirst();
  if (!found) throw notFound('Notification');
  return countUnreadNotifications(db, userId);
}

export async function markAllNotificationsRead(db: Db, userId: string): Promise<{ unread: number; marked: number }> {
  const result = await db.updateTable('notifications').set({ read_at: now() }).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
  return { unread: 0, marked: Number(result.numUpdatedRows) };
}
