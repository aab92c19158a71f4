import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../../../tests/helpers/test-db.ts';
import { pinClock } from '../../platform/clock.ts';
import type { DbHandle } from '../../platform/db.ts';
import { shiftDate } from './as-of.ts';
import { insertAccountWithOrders, type TestOrder } from './analytics-test-data.ts';
import { importOptions, runImport } from '../imports/index.ts';
import { createSeededRandom } from './clv/simulate.ts';
import { scoreAccounts } from './score-accounts.ts';

// Scoring keeps each account's order stats (0034) and reads them back while its orders still add up
// to what they were computed from. Whoever writes orders (the API, imports, COPY, these tests), the
// stored stats and the scores must equal those computed from the orders alone.
const asOf = '2026-05-31';
let handle: DbHandle;
const ids: string[] = [];

const storedStats = () => handle.db.selectFrom('account_order_stats').selectAll().orderBy('account_id').execute();
const scores = async () => {
  const rows = await handle.db.selectFrom('account_scores').selectAll().where('as_of', '=', asOf).orderBy('account_id').execute();
  return rows.map(({ run_id: _, scored_at: __, ...row }) => row);
};

/** Scores again as of the date after throwing the stored stats away: what the orders alone give. */
async function recomputedFromOrders() {
  await handle.db.deleteFrom('account_order_stats').execute();
  await scoreAccounts(handle.db, { asOf, chunkSize: 7 });
  return { stats: await storedStats(), scores: await scores() };
}

beforeAll(async () => {
  pinClock('2026-06-02T02:00:00Z');
  handle = await openTestDb();
  const random = createSeededRandom(7);
  for (let a = 0; a < 30; a += 1) {
    // Orders written in random order, as a real export comes, some on the same day, some cancelled.
    const orders: TestOrder[] = Array.from({ length: 1 + Math.floor(random() * 8) }, (_, i) => ({
      on: shiftDate(asOf, -Math.floor(random() * 400)),
      total: Math.round(random() * 50_000) / 100,
      ...(i > 0 && random() < 0.1 ? { status: 'cancelled' as const } : {}),
    }));
    ids.push(await insertAccountWithOrders(handle.db, `Account ${a}`, orders));
  }
  await scoreAccounts(handle.db, { asOf, chunkSize: 7 });
});
afterAll(async () => {
  pinClock(null);
  await handle.close();
});

describe('per-account order stats', () => {
  it('are written by the first run for every account with orders, and read back by the next', async () => {
    const first = await storedStats();
    const customers = await sql<{ n: number }>`select count(distinct account_id)::int as n from orders where status <> 'cancelled'`.execute(handle.db);
    expect(first).toHaveLength(customers.rows[0]?.n ?? -1);
    const before = await scores();
    await scoreAccounts(handle.db, { asOf, chunkSize: 7 });
    expect(await scores()).toEqual(before);
    expect(await storedStats()).toEqual(first);
  });

  it('follow orders added out of order, cancelled, edited, moved, deleted and placed after the date', async () => {
    const { db } = handle;
    const [early, cancelled, swapped, moved, deleted, allCancelled, later, same] = ids;
    const ordersOf = (accountId: string | undefined) =>
      db.selectFrom('orders').select(['id', 'placed_at', 'total']).where('account_id', '=', accountId ?? '').where('status', '<>', 'cancelled').orderBy('placed_at').execute();
    await db.insertInto('orders').values({ account_id: early ?? '', number: 'early-1', placed_at: '2024-11-02T23:30:00Z', total: 12 }).execute();
    const [toCancel] = await ordersOf(cancelled);
    await db.updateTable('orders').set({ status: 'cancelled' }).where('id', '=', toCancel?.id ?? '').execute();
    // Two orders on different days trade totals: count, spend and days stay, the first day's spend does not.
    await db.insertInto('orders').values([
      { account_id: swapped ?? '', number: 'swap-1', placed_at: '2023-01-05T10:00:00Z', total: 10 },
      { account_id: swapped ?? '', number: 'swap-2', placed_at: '2023-01-09T10:00:00Z', total: 90 },
    ]).execute();
    await scoreAccounts(db, { asOf, chunkSize: 7 });
    await db.updateTable('orders').set({ total: 90 }).where('account_id', '=', swapped ?? '').where('number', '=', 'swap-1').execute();
    await db.updateTable('orders').set({ total: 10 }).where('account_id', '=', swapped ?? '').where('number', '=', 'swap-2').execute();
    const [toMove] = await ordersOf(moved);
    await db.updateTable('orders').set({ placed_at: new Date((toMove?.placed_at.getTime() ?? 0) - 86_400_000) }).where('id', '=', toMove?.id ?? '').execute();
    const [toDelete] = await ordersOf(deleted);
    await db.deleteFrom('orders').where('id', '=', toDelete?.id ?? '').execute();
    await db.updateTable('orders').set({ status: 'cancelled' }).where('account_id', '=', allCancelled ?? '').execute();
    await db.insertInto('orders').values({ account_id: later ?? '', number: 'later-1', placed_at: '2026-06-01T08:00:00Z', total: 5 }).execute();
    // A same-day order changes the orders and spend but not the purchase days.
    const [sameDay] = await ordersOf(same);
    await db.insertInto('orders').values({ account_id: same ?? '', number: 'same-1', placed_at: sameDay?.placed_at ?? '', total: 1 }).execute();

    const swappedBefore = await db.selectFrom('account_scores').select('repeat_spend_mean').where('account_id', '=', swapped ?? '').where('as_of', '=', asOf).executeTakeFirstOrThrow();
    await scoreAccounts(db, { asOf, chunkSize: 7 });
    const stats = await storedStats();
    const scored = await scores();
    const swappedAfter = scored.find((row) => row.account_id === swapped);
    expect(swappedAfter?.repeat_spend_mean).not.toBe(swappedBefore.repeat_spend_mean);
    expect(scored.some((row) => row.account_id === allCancelled)).toBe(false);
    // The order after the as-of date is in the stored stats, not in the score as of that date.
    expect(stats.find((row) => row.account_id === later)?.last_order_on).toBe('2026-06-01');
    expect(scored.find((row) => row.account_id === later)?.last_order_on).not.toBe('2026-06-01');

    const recomputed = await recomputedFromOrders();
    expect(scored).toEqual(recomputed.scores);
    // The account whose orders were all cancelled keeps a row no run reads; the others are equal.
    expect(stats.filter((row) => row.account_id !== allCancelled)).toEqual(recomputed.stats);
  });

  it('go with a deleted account', async () => {
    const id = ids[10] ?? '';
    await handle.db.transaction().execute(async (trx) => {
      await sql`select delete_account_elsewhere(${id}::uuid)`.execute(trx);
      await trx.deleteFrom('accounts').where('id', '=', id).execute();
    });
    expect(await handle.db.selectFrom('account_order_stats').select('account_id').where('account_id', '=', id).execute()).toEqual([]);
  });

  it('follow an orders export imported unsorted, then imported again with orders cancelled and totals changed', async () => {
    const random = createSeededRandom(11);
    const rows = Array.from({ length: 60 }, (_, i) => ({
      number: `EXP-${i}`,
      customer: `buyer${i % 6}@export.example`,
      placed: `${shiftDate(asOf, -Math.floor(random() * 500))} ${String(Math.floor(random() * 24)).padStart(2, '0')}:15:00 +0000`,
      total: (Math.round(random() * 30_000) / 100).toFixed(2),
      status: 'delivered',
    }));
    const csv = () =>
      ['order_number,external_id,customer_email,placed_at,status,total,unit_price', ...rows.map((r) => `${r.number},${r.number},${r.customer},${r.placed},${r.status},${r.total},${r.total}`)].join('\n');
    const importCsv = () =>
      runImport(handle.db, { source: Readable.from([Buffer.from(csv())]), fileName: 'orders.csv', options: importOptions.parse({ kind: 'orders' }), startedBy: null });
    expect(await importCsv()).toMatchObject({ inserted: 60, failed: 0 });
    await scoreAccounts(handle.db, { asOf, chunkSize: 7 });
    for (const row of rows.slice(0, 10)) row.status = 'cancelled';
    for (const row of rows.slice(10, 20)) row.total = (Number(row.total) + 3).toFixed(2);
    expect(await importCsv()).toMatchObject({ updated: 20, failed: 0 });
    await scoreAccounts(handle.db, { asOf, chunkSize: 7 });
    const stats = await storedStats();
    const scored = await scores();
    const recomputed = await recomputedFromOrders();
    expect(scored).toEqual(recomputed.scores);
    expect(stats.filter((row) => recomputed.stats.some((again) => again.account_id === row.account_id))).toEqual(recomputed.stats);
  });
});
