import { sql } from 'kysely';
import { refreshAccountSearch } from '../accounts/index.ts';
import { closeOrderAlerts, setShipBy } from '../orders/index.ts';
import { failUnit, type KindImporter, type RowFailure, type Unit, type WriteContext } from './import-kind.ts';
import { customerKey, resolveOrderAccounts } from './order-accounts.ts';
import { type ImportedOrder, parseOrderRows, returnLine } from './order-rows.ts';

type Placed = { unit: Unit<ImportedOrder>; accountId: string };

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A delivered order is delivered when the source says, else when we learn of it (as the API records it). */
function deliveredAt(order: ImportedOrder, at: Date): string | null {
  if (order.status !== 'delivered') return null;
  return (order.delivered_at ?? at).toISOString();
}

/**
 * New orders as placeOrder writes them: the order, its lines (priced as in the file, linked to the
 * catalogue by sku when it has one), the account made a customer, and order.placed with placed_at,
 * so the playbooks treat an imported order like any other and leave old ones alone.
 */
async function insertOrders({ trx, at, actorId, startPlaybooks }: WriteContext, placed: Placed[]): Promise<void> {
  const accountIds = [...new Set(placed.map((p) => p.accountId))];
  const withOrders = new Set((await trx.selectFrom('orders').select('account_id').distinct().where('account_id', 'in', accountIds).execute()).map((r) => r.account_id));
  // Column arrays, and ids matched back by (account, number): nothing relies on RETURNING's order.
  const { rows: inserted } = await sql<{ id: string; account_id: string; number: string }>`
    insert into orders (account_id, number, external_id, status, placed_at, shipped_at, delivered_at, total, currency)
    select account_id, number, external_id, status, placed_at, shipped_at, delivered_at, total,
      coalesce(currency, (select default_currency from company_settings))
    from unnest(${placed.map((p) => p.accountId)}::uuid[], ${placed.map((p) => p.unit.value.order_number)}::text[],
      ${placed.map((p) => p.unit.value.external_id ?? null)}::text[], ${placed.map((p) => p.unit.value.status)}::text[],
      ${placed.map((p) => p.unit.value.placed_at.toISOString())}::timestamptz[], ${placed.map((p) => p.unit.value.shipped_at?.toISOString() ?? null)}::timestamptz[],
      ${placed.map((p) => deliveredAt(p.unit.value, at))}::timestamptz[], ${placed.map((p) => p.unit.value.total)}::numeric[], ${placed.map((p) => p.unit.value.currency)}::text[])
      as u(account_id, number, external_id, status, placed_at, shipped_at, delivered_at, total, currency)
    returning id, account_id, number`.execute(trx);
  const idOf = new Map(inserted.map((o) => [`${o.account_id} ${o.number}`, o.id]));
  const rows = placed.map((p) => ({ id: idOf.get(`${p.accountId} ${p.unit.value.order_number}`) ?? '' }));
  const skus = [...new Set(placed.flatMap((p) => p.unit.value.lines.flatMap((l) => (l.sku ? [l.sku] : []))))];
  const products = skus.length > 0 ? await trx.selectFrom('products').select(['id', 'sku']).where('sku', 'in', skus).execute() : [];
  const productIds = new Map(products.map((p) => [p.sku, p.id]));
  const lines = placed.flatMap(({ unit, accountId }, i) =>
    unit.value.lines.map((l, position) => ({ ...l, account_id: accountId, order_id: rows[i]?.id ?? '', position, product_id: l.sku ? (productIds.get(l.sku) ?? null) : null })),
  );
  // One array a column rather than a parameter a value: a batch is one statement of seven parameters.
  for (const chunk of chunks(lines, 20_000)) {
    await sql`
      insert into order_lines (account_id, order_id, position, product_id, sku, description, quantity, unit_price)
      select * from unnest(${chunk.map((l) => l.account_id)}::uuid[], ${chunk.map((l) => l.order_id)}::uuid[], ${chunk.map((l) => l.position)}::int[],
        ${chunk.map((l) => l.product_id)}::uuid[], ${chunk.map((l) => l.sku)}::text[], ${chunk.map((l) => l.description)}::text[],
        ${chunk.map((l) => l.quantity)}::int[], ${chunk.map((l) => l.unit_price)}::numeric[])`.execute(trx);
  }
  await setShipBy(trx, inserted);
  // The new order numbers, and the accounts resolveOrderAccounts may just have created.
  await refreshAccountSearch(trx, accountIds);
  const firstPlaced = new Map<string, number>();
  for (const { unit, accountId } of placed) {
    if (withOrders.has(accountId)) continue;
    const t = unit.value.placed_at.getTime();
    if (t < (firstPlaced.get(accountId) ?? Number.POSITIVE_INFINITY)) firstPlaced.set(accountId, t);
  }
  const became = await trx.updateTable('accounts').set({ lifecycle: 'customer', updated_at: at }).where('id', 'in', accountIds).where('lifecycle', '<>', 'customer')
    .returning(['id']).execute();
  const quiet = startPlaybooks ? {} : { start_playbooks: false };
  const events = [
    ...became.map((a) => ({ type: 'account.became_customer', account_id: a.id, subject_id: a.id, payload: { source: 'import' } })),
    ...placed.map(({ unit: { value: o }, accountId }, i) => ({
      type: 'order.placed', account_id: accountId, subject_id: rows[i]?.id ?? null,
      payload: { number: o.order_number, total: o.total, placed_at: o.placed_at.toISOString(), first_order: firstPlaced.get(accountId) === o.placed_at.getTime(), reorder_of: null, ...quiet },
    })),
    // An order we first hear of as delivered is delivered as far as the follow-up goes. Without a
    // delivery date its placed_at dates it, so an imported order from last year stays history.
    ...placed.flatMap(({ unit: { value: o }, accountId }, i) => o.status !== 'delivered' ? [] : [{
      type: 'order.delivered', account_id: accountId, subject_id: rows[i]?.id ?? null,
      payload: { number: o.order_number, source: 'import', placed_at: o.placed_at.toISOString(), ...(o.delivered_at ? { delivered_at: o.delivered_at.toISOString() } : {}), ...quiet },
    }]),
  ];
  for (const chunk of chunks(events, 20_000)) {
    await sql`
      insert into events (type, account_id, subject_id, actor_id, payload, occurred_at)
      select e.type, e.account_id, e.subject_id, ${actorId}::uuid, e.payload::jsonb, ${at}::timestamptz
      from unnest(${chunk.map((e) => e.type)}::text[], ${chunk.map((e) => e.account_id)}::uuid[], ${chunk.map((e) => e.subject_id)}::uuid[],
        ${chunk.map((e) => JSON.stringify(e.payload))}::text[]) as e(type, account_id, subject_id, payload)`.execute(trx);
  }
}

type StoredOrder = { id: string; account_id: string; number: string; status: string; shipped_at: Date | null; delivered_at: Date | null; total: number };

/** An empty date in the file keeps the stored one (mapRow), so only a date it gives can differ. */
const sameDate = (stored: Date | null, given: Date | undefined) => given === undefined || stored?.getTime() === given.getTime();
const unchanged = (before: StoredOrder, order: ImportedOrder) =>
  before.status === order.status && Number(before.total) === order.total && sameDate(before.shipped_at, order.shipped_at) && sameDate(before.delivered_at, order.delivered_at);

/** Rows a record stands for: a pushed order (a webhook) has none and counts as one. */
const rowsOf = (placed: Placed[]) => placed.reduce((n, p) => n + Math.max(1, p.unit.rows.length), 0);

/**
 * Orders imported again: their status, shipping and delivery dates and total follow the file; the
 * lines stay. A date the file leaves empty keeps the stored one, and a shipment or delivery without
 * a date is stamped with the time we learn of it, as the API does; an order back to placed has
 * shipped only if the file says so, and only a delivered order has a delivery date. The alert tasks of orders no
 * longer waiting close in this same transaction, and a delivery writes order.delivered, which
 * starts the first-delivery follow-up exactly as a delivery recorded through the API does.
 */
async function updateOrders({ trx, at, actorId, startPlaybooks }: WriteContext, changed: { id: string; accountId: string; previous: string; order: ImportedOrder }[]) {
  if (changed.length === 0) return;
  const quiet = startPlaybooks ? {} : { start_playbooks: false };
  await sql`
    update orders o set status = k.status, total = k.total,
      shipped_at = case when k.status = 'placed' then k.shipped_at else coalesce(k.shipped_at, o.shipped_at, case when k.status = 'shipped' then ${at}::timestamptz end) end,
      delivered_at = case when k.status = 'delivered' then coalesce(k.delivered_at, o.delivered_at, ${at}::timestamptz) end
    from unnest(${changed.map((c) => c.id)}::uuid[], ${changed.map((c) => c.accountId)}::uuid[], ${changed.map((c) => c.order.status)}::text[],
      ${changed.map((c) => c.order.shipped_at?.toISOString() ?? null)}::timestamptz[], ${changed.map((c) => c.order.delivered_at?.toISOString() ?? null)}::timestamptz[],
      ${changed.map((c) => c.order.total)}::numeric[])
      as k(id, account_id, status, shipped_at, delivered_at, total)
    where o.account_id = k.account_id and o.id = k.id`.execute(trx);
  await closeOrderAlerts(trx, changed.map((c) => ({ account_id: c.accountId, id: c.id, status: c.order.status })));
  const events = changed.filter((c) => c.previous !== c.order.status).map(({ id, accountId, order }) => {
    const delivered = order.status === 'delivered' && order.delivered_at ? { delivered_at: order.delivered_at.toISOString() } : {};
    const payload = { number: order.order_number, source: 'import', ...delivered, ...quiet };
    return { type: `order.${order.status}`, account_id: accountId, subject_id: id, actor_id: actorId, payload: JSON.stringify(payload), occurred_at: at };
  });
  for (const chunk of chunks(events, 5000)) await trx.insertInto('events').values(chunk).execute();
}

/**
 * Orders keyed by (account, order number). An order's line items are the rows with its number,
 * grouped wherever they are in the file; counts are of rows, so that a report adds up to the file.
 */
export const orderImporter: KindImporter<ImportedOrder> = {
  groupKey: (row) => row.record.order_number,
  skipRow: (row) => (returnLine(row) ? 'return' : null),
  parse: (rows) => parseOrderRows(rows),
  async write(ctx, units) {
    const accounts = await resolveOrderAccounts(ctx.trx, units.map((u) => u.value), ctx.at, ctx.createCustomers === true);
    const failures: RowFailure[] = [];
    const placed: Placed[] = [];
    const seen = new Map<string, number>();
    for (const unit of units) {
      const accountId = accounts.get(customerKey(unit.value));
      const key = `${accountId} ${unit.value.order_number}`;
      if (!accountId) failures.push(...failUnit(unit, `account_external_id: unknown account reference ${unit.value.account_external_id}`));
      else if (seen.has(key)) failures.push(...failUnit(unit, `duplicate key ${unit.value.order_number}: also on row ${seen.get(key)}`));
      else {
        seen.set(key, unit.rows[0]?.row ?? 0);
        placed.push({ unit, accountId });
      }
    }
    const { rows: existing } = placed.length === 0 ? { rows: [] } : await sql<StoredOrder>`
      select o.id, o.account_id, o.number, o.status, o.shipped_at, o.delivered_at, o.total from orders o
      join unnest(${placed.map((p) => p.accountId)}::uuid[], ${placed.map((p) => p.unit.value.order_number)}::text[]) as k(account_id, number)
        on o.account_id = k.account_id and o.number = k.number`.execute(ctx.trx);
    const stored = new Map(existing.map((o) => [`${o.account_id} ${o.number}`, o]));
    const fresh = placed.filter((p) => !stored.has(`${p.accountId} ${p.unit.value.order_number}`));
    const changed: { id: string; accountId: string; previous: string; order: ImportedOrder }[] = [];
    const changedUnits: Placed[] = [];
    for (const p of placed) {
      const before = stored.get(`${p.accountId} ${p.unit.value.order_number}`);
      const order = p.unit.value;
      if (!before) continue;
      if (unchanged(before, order)) continue;
      changed.push({ id: before.id, accountId: p.accountId, previous: before.status, order });
      changedUnits.push(p);
    }
    if (fresh.length > 0) await insertOrders(ctx, fresh);
    await updateOrders(ctx, changed);
    const inserted = rowsOf(fresh);
    const updated = rowsOf(changedUnits);
    return { inserted, updated, skipped: rowsOf(placed) - inserted - updated, failures };
  },
};
