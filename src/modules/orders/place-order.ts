import { randomBytes } from 'node:crypto';
import { companyCurrency } from '../company/index.ts';
import type { Transaction } from 'kysely';
import { isBeyondTomorrow, now } from '../../platform/clock.ts';
import { maxOrderTotal } from '../../platform/field-formats.ts';
import type { Db } from '../../platform/db.ts';
import type { Database } from '../../platform/db-schema.ts';
import { AppError } from '../../platform/errors.ts';
import { appendEvent } from '../../platform/events.ts';
import { refreshAccountSearch } from '../accounts/index.ts';
import { setShipBy } from './fulfilment-promise.ts';
import type { OrderLineInput, PlaceOrderInput } from './orders.schema.ts';

/** orders.total is numeric(14, 2). */

type PricedLine = {
  product_id: string | null;
  sku: string | null;
  description: string;
  quantity: number;
  unit_price: number;
  specs: Record<string, unknown>;
};

async function priceLines(trx: Transaction<Database>, lines: OrderLineInput[]): Promise<PricedLine[]> {
  return Promise.all(
    lines.map(async (line, index) => {
      if (!line.product_id && !line.sku) {
        return { product_id: null, sku: null, description: line.description ?? '', quantity: line.quantity, unit_price: line.unit_price ?? 0, specs: line.specs };
      }
      let q = trx.selectFrom('products').select(['id', 'sku', 'name', 'price']);
      q = line.product_id ? q.where('id', '=', line.product_id) : q.where('sku', '=', line.sku ?? '');
      const product = await q.executeTakeFirst();
      if (!product) {
        const field = line.product_id ? 'product_id' : 'sku';
        throw new AppError('unprocessable', `Line ${index + 1}: no product with this ${field}`, `lines.${index}.${field}`);
      }
      return {
        product_id: product.id,
        sku: product.sku,
        description: line.description ?? product.name,
        quantity: line.quantity,
        unit_price: line.unit_price ?? product.price,
        specs: line.specs,
      };
    }),
  );
}

function orderNumber(at: Date): string {
  return `${at.toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(3).toString('hex').toUpperCase()}`;
}

export type PlaceOrderOptions = { actorId: string | null; reorderOf?: string };

/**
 * Places an order in one transaction: lines priced from the catalogue, billing remembered on the
 * account for the next order, the account becomes a customer, and order.placed is recorded.
 */
export async function placeOrder(db: Db, input: PlaceOrderInput, options: PlaceOrderOptions) {
  return db.transaction().execute(async (trx) => {
    // Locking the account row makes "is this the first order?" true for exactly one order.
    const account = await trx
      .selectFrom('accounts')
      .select(['id', 'lifecycle', 'billing'])
      .where('id', '=', input.account_id)
      .forUpdate()
      .executeTakeFirst();
    if (!account) throw new AppError('unprocessable', `No account with id ${input.account_id}`, 'account_id');
    const lines = await priceLines(trx, input.lines);
    const total = Math.round(lines.reduce((sum, l) => sum + l.quantity * l.unit_price * 100, 0)) / 100;
    // Said here in words rather than by the database's overflow.
    if (total > maxOrderTotal) throw new AppError('invalid_input', `The order's total ${total} is more than an order can hold (${maxOrderTotal})`, 'lines');
    const billing = input.billing ?? account.billing;
    const placedAt = input.placed_at ?? now();
    if (isBeyondTomorrow(placedAt)) throw new AppError('invalid_input', 'An order cannot be placed more than a day from now', 'placed_at');
    const previous = await trx.selectFrom('orders').select('id').where('account_id', '=', account.id).limit(1).executeTakeFirst();
    const order = await trx
      .insertInto('orders')
      .values({
        account_id: account.id,
        number: input.number ?? orderNumber(placedAt),
        placed_at: placedAt,
        total,
        currency: input.currency ?? (await companyCurrency(trx)),
        billing: billing ? JSON.stringify(billing) : null,
        reorder_of: options.reorderOf ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const insertedLines = await trx
      .insertInto('order_lines')
      .values(lines.map((l, position) => ({ ...l, position, account_id: account.id, order_id: order.id, specs: JSON.stringify(l.specs) })))
      .returningAll()
      .execute();
    insertedLines.sort((a, b) => a.position - b.position);
    await refreshAccountSearch(trx, [account.id]);
    await setShipBy(trx, [order]);
    const promised = await trx.selectFrom('orders').select(['ship_by', 'escalate_by']).where('account_id', '=', account.id).where('id', '=', order.id).executeTakeFirstOrThrow();
    if (input.billing && input.remember_billing) {
      await trx.updateTable('accounts').set({ billing: JSON.stringify(input.billing), updated_at: now() }).where('id', '=', account.id).execute();
    }
    if (account.lifecycle !== 'customer') {
      await trx.updateTable('accounts').set({ lifecycle: 'customer', updated_at: now() }).where('id', '=', account.id).execute();
      await appendEvent(trx, { type: 'account.became_customer', accountId: account.id, subjectId: account.id, actorId: options.actorId, payload: { from: account.lifecycle } });
    }
    await appendEvent(trx, {
      type: 'order.placed',
      accountId: account.id,
      subjectId: order.id,
      actorId: options.actorId,
      payload: { number: order.number, total, placed_at: placedAt.toISOString(), first_order: !previous, reorder_of: options.reorderOf ?? null },
    });
    return { ...order, ...promised, lines: insertedLines };
  });
}
