import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { orderImporter } from './import-orders.ts';
import type { ImportedOrder } from './order-rows.ts';

export type ExternalOrderResult = { outcome: 'created' | 'updated' | 'unchanged'; order_id: string };

const isUniqueViolation = (error: unknown) => typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';

async function saveOnce(db: Db, order: ImportedOrder): Promise<ExternalOrderResult> {
  return db.transaction().execute(async (trx) => {
    // One source row, so that a refusal comes back as a failure like an import row's.
    const source = { row: 1, fields: [], record: {} };
    const written = await orderImporter.write({ trx, at: now(), actorId: null, usersByEmail: new Map(), startPlaybooks: true }, [{ rows: [source], value: order, key: order.order_number }]);
    const failure = written.failures[0];
    if (failure?.reason.startsWith('account_external_id:')) {
      throw new AppError('unprocessable', `No account has the external id ${order.account_external_id}: send the customer's email as well, or import the customer first`, 'customer.external_id');
    }
    if (failure) throw new AppError('unprocessable', failure.reason, 'customer');
    let q = trx.selectFrom('orders').select('id').where('number', '=', order.order_number);
    if (order.external_id) q = q.where('external_id', '=', order.external_id);
    const stored = await q.orderBy('created_at', 'desc').executeTakeFirst();
    // The customer's order with this number is another one (another external id): not this order to change.
    if (!stored) throw new AppError('conflict', `The order number ${order.order_number} belongs to another order of this customer`, 'number');
    return { outcome: written.inserted ? 'created' : written.updated ? 'updated' : 'unchanged', order_id: stored.id };
  });
}

/**
 * An order another system pushed (a webhook): written exactly as an imported order, so a replay
 * of the same order finds it and changes nothing. Two deliveries racing each other collide on the
 * unique order number; the loser tries once more and then finds the winner's order.
 */
export async function saveExternalOrder(db: Db, order: ImportedOrder): Promise<ExternalOrderResult> {
  try {
    return await saveOnce(db, order);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return saveOnce(db, order);
  }
}
