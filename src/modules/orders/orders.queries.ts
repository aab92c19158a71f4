
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { keysetPage } from '../../platform/paging.ts';
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

/** Newest orders first, keyset-paged on (placed_at, id), each with its lines in order. */
export async function listOrders(db: Db, query: ListOrdersQuery) {
  let q = db.selectFrom('orders').selectAll();
  if (query.account_id) q = q.where('account_id', '=', query.account_id);
  if (query.q) q = q.where('number', '=', query.q);
  if (query.status) q = q.where('status', '=', query.status);
  const page = await keysetPage(
    q,
    [
      { by: 'placed_at', type: 'timestamptz', order: 'desc' },
      { by: 'id', type: 'uuid', order: 'desc' },
    ],
    query,
  );
  const ids = page.items.map((order) => order.id);
  // The account ids let the (account_id, order_id) index find the lines.
  const accountIds = [...new Set(page.items.map((order) => order.account_id))];
  const lines =
    ids.length === 0
      ? []
      : await db.selectFrom('order_lines').selectAll().where('account_id', 'in', accountIds).where('order_id', 'in', ids).orderBy('position').execute();
  return { ...page, items: page.items.map((order) => ({ ...order, lines: lines.filter((line) => line.order_id === order.id) })) };
}
