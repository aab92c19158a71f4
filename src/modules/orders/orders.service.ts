import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import type { OrderStatus } from '../../platform/db-schema.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { appendEvent } from '../../platform/events.ts';
import { accountOfRow } from '../../platform/account-rows.ts';
import { closeOrderAlerts } from './late-orders.ts';
import { getOrder } from './orders.queries.ts';
import { placeOrder } from './place-order.ts';

const allowedNext: Record<OrderStatus, OrderStatus[]> = {
  placed: ['shipped', 'delivered', 'cancelled'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
};

export async function changeOrderStatus(db: Db, id: string, status: 'shipped' | 'delivered' | 'cancelled', actorId: string) {
  return db.transaction().execute(async (trx) => {
    const accountId = await accountOfRow(trx, 'orders', id);
    if (!accountId) throw notFound('Order');
    const order = await trx.selectFrom('orders').select(['account_id', 'status', 'number']).where('account_id', '=', accountId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!order) throw notFound('Order');
    if (!allowedNext[order.status].includes(status)) {
      throw new AppError('unprocessable', `An order that is ${order.status} cannot become ${status}`, 'status');
    }
    const at = now();
    const stamps = status === 'shipped' ? { shipped_at: at } : status === 'delivered' ? { delivered_at: at } : {};
    const updated = await trx
      .updateTable('orders')
      .set({ status, ...stamps })
      .where('account_id', '=', order.account_id)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await closeOrderAlerts(trx, [updated]);
    await appendEvent(trx, { type: `order.${status}`, accountId: order.account_id, subjectId: id, actorId, payload: { number: order.number } });
    return updated;
  });
}

/** A new order from a past one: same products, quantities and specs, the account's current billing. */
export async function reorder(db: Db, orderId: string, placedAt: Date | undefined, actorId: string) {
  const past = await getOrder(db, orderId);
  const account = await db.selectFrom('accounts').select('billing').where('id', '=', past.account_id).executeTakeFirstOrThrow();
  const billing = account.billing ?? past.billing ?? undefined;
  return placeOrder(
    db,
    {
      account_id: past.account_id,
      placed_at: placedAt,
      currency: past.currency,
      billing,
      remember_billing: false,
      lines: past.lines.map((line) => ({
        product_id: line.product_id ?? undefined,
        description: line.description,
        quantity: line.quantity,
        unit_price: line.product_id ? undefined : line.unit_price,
        specs: line.specs,
      })),
    },
    { actorId, reorderOf: orderId },
  );
}
