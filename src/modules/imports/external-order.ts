import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { orderImporter } from './import-orders.ts';
import type { ImportedOrder } from './order-rows.ts';

export type ExternalOrderResult = { outcome: 'created' | 'updated' | 'unchanged'; order_id: string };

const isUniqueViolation = (error: unknown) => typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';

async function saveOnce(db: Db, order: ImportedOrder): Promise<ExternalOrderResult> {
  return db.transaction().execute(async (trx) => {
    const written = await orderImporter.write({ trx, at: now(), actorId: null, usersByEmail: new Map(), startPlaybooks: true }, [{ rows: [], value: order, key: order.order_number }]);
    if (written.failures[0]) throw new AppError('unprocessable', written.failures[0].reason, 'customer');
    let q = trx.selectFrom('orders').select('id').where('number', '=', order.order_number);
    if (order.external_id) q = q.where('external_id', '=', order.external_id);
    const stored = await q.orderBy('created_at', 'desc').executeTakeFirstOrThrow();
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
