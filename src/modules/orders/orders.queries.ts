import { sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { cursorString, decodeCursor, toPage } from '../../platform/paging.ts';
import type { ListOrdersQuery } from './orders.schema.ts';

export async function getOrder(db: Db, id: string) {
  const order = await db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
  if (!order) throw notFound('Order');
  const lines = await db
    .selectFrom('order_lines')
    .selectAll()
    .where('account_id', '=', order.account_id)
    .where('order_id', '=', id)
    .orderBy('position')
    .execute();
  return { ...order, lines };
}

/** Newest orders first, keyset-paged on (placed_at, id). */
export async function listOrders(db: Db, query: ListOrdersQuery) {
  let q = db
    .selectFrom('orders')
    .selectAll()
    .select(sql<string>`placed_at::text`.as('at_key'))
    .orderBy('placed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1);
  if (query.account_id) q = q.where('account_id', '=', query.account_id);
  if (query.q) q = q.where('number', '=', query.q);
  if (query.status) q = q.where('status', '=', query.status);
  if (query.cursor) {
    const values = decodeCursor(query.cursor, 2);
    q = q.where(sql<boolean>`(placed_at, id) < (${cursorString(values, 0)}::timestamptz, ${cursorString(values, 1)}::uuid)`);
  }
  const page = toPage(await q.execute(), query.limit, (row) => [row.at_key, row.id]);
  return { ...page, items: page.items.map(({ at_key: _, ...order }) => order) };
}
