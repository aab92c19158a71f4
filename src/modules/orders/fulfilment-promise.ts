import { sql, type Transaction } from 'kysely';
import { changedFields, recordAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import type { Database } from '../../platform/db-schema.ts';
import { accountOfRow } from '../../platform/account-rows.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { endOfWorkingDays, localDate } from '../../platform/working-time.ts';
import type { FulfilmentSettingsInput } from './fulfilment.schema.ts';

type Promised = { account_id: string; id: string; placed_at: Date; account_days: number; product_days: number | null; time_zone: string };

/**
 * How many working days an order has to ship (decision 0022): the account's promise (its own, else
 * the company's), lengthened by any line whose product needs longer, since an order ships whole.
 * Late by twice that (at least one working day) and a manager hears of it.
 */
export function promiseDays(order: { account_days: number; product_days: number | null }): number {
  return Math.max(order.account_days, order.product_days ?? 0);
}

export function promiseDeadlines(order: Promised): { ship_by: Date; escalate_by: Date } {
  const days = promiseDays(order);
  return {
    ship_by: endOfWorkingDays(order.placed_at, days, order.time_zone),
    escalate_by: endOfWorkingDays(order.placed_at, days + Math.max(1, 2 * days), order.time_zone),
  };
}

/**
 * Gives placed orders their ship-by and escalation deadlines, in the business calendar of the
 * account: its service owner's time zone, else its owner's, else the company's. Every way an order
 * is written (the API, an import, a webhook) calls this in the same transaction.
 */
export async function setShipBy(trx: Transaction<Database>, orders: { account_id: string; id: string }[]): Promise<void> {
  if (orders.length === 0) return;
  const { rows } = await sql<Promised>`
    select o.account_id, o.id, o.placed_at, coalesce(ap.working_days, s.promise_working_days) as account_days,
      (select max(pp.working_days) from order_lines l join product_fulfilment_promises pp on pp.product_id = l.product_id
        where l.account_id = o.account_id and l.order_id = o.id) as product_days,
      coalesce(su.time_zone, ou.time_zone, s.time_zone) as time_zone
    from unnest(${orders.map((o) => o.account_id)}::uuid[], ${orders.map((o) => o.id)}::uuid[]) as k(account_id, id)
      join orders o on o.account_id = k.account_id and o.id = k.id
      join accounts a on a.id = o.account_id
      cross join fulfilment_settings s
      left join account_fulfilment_promises ap on ap.account_id = o.account_id
      left join users su on su.id = a.service_owner_id
      left join users ou on ou.id = a.owner_id`.execute(trx);
  // A deadline depends only on the local day an order was placed: an import of many orders a day
  // computes each day once.
  const byDay = new Map<string, { ship_by: Date; escalate_by: Date }>();
  const deadlines = rows.map((row) => {
    const key = `${row.time_zone} ${localDate(row.placed_at, row.time_zone)} ${promiseDays(row)}`;
    let deadline = byDay.get(key);
    if (!deadline) {
      deadline = promiseDeadlines(row);
      byDay.set(key, deadline);
    }
    return { ...row, ...deadline };
  });
  await sql`
    update orders o set ship_by = k.ship_by, escalate_by = k.escalate_by
    from unnest(${deadlines.map((d) => d.account_id)}::uuid[], ${deadlines.map((d) => d.id)}::uuid[],
      ${deadlines.map((d) => d.ship_by.toISOString())}::timestamptz[], ${deadlines.map((d) => d.escalate_by.toISOString())}::timestamptz[])
      as k(account_id, id, ship_by, escalate_by)
    where o.account_id = k.account_id and o.id = k.id`.execute(trx);
}

const settingsColumns = ['promise_working_days', 'time_zone', 'updated_at'] as const;

/** The company's promise, and the customers and products that have one of their own, by name. */
export async function getFulfilmentSettings(db: Db) {
  const [settings, customers, products] = await Promise.all([
    db.selectFrom('fulfilment_settings').select(settingsColumns).executeTakeFirstOrThrow(),
    db
      .selectFrom('account_fulfilment_promises as p')
      .innerJoin('accounts as a', 'a.id', 'p.account_id')
      .select(['p.account_id', 'a.name', 'p.working_days'])
      .orderBy('a.name')
      .orderBy('p.account_id')
      .execute(),
    db
      .selectFrom('product_fulfilment_promises as p')
      .innerJoin('products as pr', 'pr.id', 'p.product_id')
      .select(['p.product_id', 'pr.name', 'p.working_days'])
      .orderBy('pr.name')
      .orderBy('p.product_id')
      .execute(),
  ]);
  return { ...settings, customers, products };
}

/** New promises apply to orders placed from now on; orders already placed keep the deadline they were given. */
export async function updateFulfilmentSettings(db: Db, input: FulfilmentSettingsInput, actorId: string) {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('fulfilment_settings').select(settingsColumns).forUpdate().executeTakeFirstOrThrow();
    const after = await trx.updateTable('fulfilment_settings').set({ ...input, updated_at: now() }).returning(settingsColumns).executeTakeFirstOrThrow();
    await recordAudit(trx, { actorId, action: 'settings.fulfilment_updated', entityType: 'settings', entityId: 'fulfilment', changes: changedFields(before, after) });
  });
  return getFulfilmentSettings(db);
}

/** A customer's own promise (null removes it, and the company's applies again). */
export async function setAccountPromise(db: Db, accountId: string, workingDays: number | null) {
  const account = await db.selectFrom('accounts').select('id').where('id', '=', accountId).executeTakeFirst();
  if (!account) throw notFound('Account');
  if (workingDays === null) {
    await db.deleteFrom('account_fulfilment_promises').where('account_id', '=', accountId).execute();
  } else {
    await db
      .insertInto('account_fulfilment_promises')
      .values({ account_id: accountId, working_days: workingDays, updated_at: now() })
      .onConflict((oc) => oc.column('account_id').doUpdateSet({ working_days: workingDays, updated_at: now() }))
      .execute();
  }
  return { account_id: accountId, working_days: workingDays };
}

/** How long a product needs before it can ship (null removes it). */
export async function setProductPromise(db: Db, productId: string, workingDays: number | null) {
  const product = await db.selectFrom('products').select('id').where('id', '=', productId).executeTakeFirst();
  if (!product) throw notFound('Product');
  if (workingDays === null) {
    await db.deleteFrom('product_fulfilment_promises').where('product_id', '=', productId).execute();
  } else {
    await db
      .insertInto('product_fulfilment_promises')
      .values({ product_id: productId, working_days: workingDays, updated_at: now() })
      .onConflict((oc) => oc.column('product_id').doUpdateSet({ working_days: workingDays, updated_at: now() }))
      .execute();
  }
  return { product_id: productId, working_days: workingDays };
}

/** The day a late order is now expected to ship, for the delay note (null: the default, two more working days). */
export async function setExpectedShipping(db: Db, orderId: string, expectedShipOn: string | null) {
  return db.transaction().execute(async (trx) => {
    // Found by id, then locked by (account, id): Citus locks a row only on its account's shard.
    const accountId = await accountOfRow(trx, 'orders', orderId);
    if (!accountId) throw notFound('Order');
    const order = await trx
      .selectFrom('orders')
      .select(['account_id', 'number', 'status', 'placed_at'])
      .where('account_id', '=', accountId)
      .where('id', '=', orderId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    // Only a customer still waiting hears of a new date (the delay note), so a settled order takes none.
    if (order.status !== 'placed') throw new AppError('conflict', `Order ${order.number} is ${order.status}: it is no longer waiting to ship`, 'expected_ship_on');
    if (expectedShipOn !== null && expectedShipOn < order.placed_at.toISOString().slice(0, 10)) {
      throw new AppError('unprocessable', `Order ${order.number} cannot ship before it was placed`, 'expected_ship_on');
    }
    return trx
      .updateTable('orders')
      .set({ expected_ship_on: expectedShipOn })
      .where('account_id', '=', order.account_id)
      .where('id', '=', orderId)
      .returning(['id', 'expected_ship_on'])
      .executeTakeFirstOrThrow();
  });
}
