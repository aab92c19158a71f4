import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../../../tests/helpers/test-db.ts';
import { pinClock } from '../../platform/clock.ts';
import type { DbHandle } from '../../platform/db.ts';
import { accountScore } from './analytics.queries.ts';
import { shiftDate } from './as-of.ts';
import { insertDoneTouch } from '../touches/index.ts';
import { insertAccountWithOrders } from './analytics-test-data.ts';
import { describeCustomerBase } from './customer-base.ts';
import type { AccountRfm } from './rfm.queries.ts';
import { readAccountChunks } from './score-chunks.ts';
import { scoreAccounts } from './score-accounts.ts';

// Five customers, checked by hand (the quintile breakpoints are percentile_cont's linear
// interpolation over the five values), plus a prospect and an account whose only order was cancelled.
const asOf = '2026-03-31';
let handle: DbHandle;
const ids: Record<string, string> = {};

beforeAll(async () => {
  pinClock('2026-04-01T02:00:00Z');
  handle = await openTestDb();
  const { db } = handle;
  ids.a = await insertAccountWithOrders(db, 'Alder', [
    { on: '2026-01-01', total: 100 },
    { on: '2026-01-31', total: 100 },
    { on: '2026-03-02', total: 100 },
    { on: '2026-03-31', total: 50 },
    { on: '2026-03-31', total: 50 },
    { on: '2026-04-01', total: 999 },
  ]);
  ids.b = await insertAccountWithOrders(db, 'Birch', [{ on: '2025-10-01', total: 200 }, { on: '2025-12-30', total: 200 }]);
  ids.c = await insertAccountWithOrders(db, 'Cedar', [{ on: '2025-06-01', total: 1000 }]);
  ids.d = await insertAccountWithOrders(db, 'Dogwood', [
    { on: '2025-12-01', total: 50 },
    { on: '2025-12-11', total: 50 },
    { on: '2025-12-21', total: 50 },
  ]);
  ids.e = await insertAccountWithOrders(db, 'Elm', [{ on: '2026-03-30', total: 20 }]);
  ids.prospect = await insertAccountWithOrders(db, 'Fir', []);
  ids.cancelled = await insertAccountWithOrders(db, 'Gum', [{ on: '2026-02-01', total: 80, status: 'cancelled' }]);
  await insertDoneTouch(db, ids.a, '2026-03-20');
  await insertDoneTouch(db, ids.d, '2025-12-01');
});
afterAll(async () => {
  pinClock(null);
  await handle.close();
});

const scoreOf = (accountId: string | undefined) =>
  handle.db.selectFrom('account_scores').selectAll().where('account_id', '=', accountId ?? '').where('as_of', '=', asOf).executeTakeFirstOrThrow();

describe('scoring accounts as of a date', () => {
  it('finds the quintile breakpoints of the customer base and the typical rhythm', async () => {
    const rows: AccountRfm[] = [];
    await readAccountChunks(handle.db, asOf, { chunkSize: 3, onRows: (chunk) => rows.push(...chunk) });
    const base = describeCustomerBase(rows);
    expect(base).toMatchObject({ customers: 5, repeatCustomers: 3 });
    expect(base?.breakpoints.recency.map((v) => Number(v.toFixed(2)))).toEqual([0.8, 55, 94.6, 140.6]);
    expect(base?.breakpoints.frequency.map((v) => Number(v.toFixed(2)))).toEqual([1, 1.6, 2.4, 3.4]);
    expect(base?.breakpoints.monetary.map((v) => Number(v.toFixed(2)))).toEqual([124, 300, 400, 520]);
    expect(base?.typicalLatencyDays).toBeCloseTo(89 / 3, 6);
  });

  it('writes recency, frequency, monetary, latency, quintile scores and segments', async () => {
    const result = await scoreAccounts(handle.db, { asOf, chunkSize: 2 });
    expect(result.accountsScored).toBe(5);
    expect(await scoreOf(ids.a)).toMatchObject({
      first_order_on: '2026-01-01',
      last_order_on: '2026-03-31',
      orders: 5,
      order_days: 4,
      recency_days: 0,
      monetary: 400,
      repeat_spend_mean: 100,
      median_latency_days: 30,
      mean_latency_days: 29.7,
      next_expected_order_on: '2026-04-30',
      late: false,
      days_since_touch: 11,
      r_score: 5,
      f_score: 5,
      m_score: 3,
      segment: 'champions',
    });
    expect(await scoreOf(ids.b)).toMatchObject({ recency_days: 91, median_latency_days: 90, late: false, r_score: 3, f_score: 3, m_score: 3, segment: 'need_attention', days_since_touch: null });
    expect(await scoreOf(ids.c)).toMatchObject({ orders: 1, median_latency_days: null, next_expected_order_on: null, late: false, r_score: 1, f_score: 1, m_score: 5, segment: 'lost' });
    expect(await scoreOf(ids.d)).toMatchObject({ median_latency_days: 10, next_expected_order_on: '2025-12-31', late: true, r_score: 2, f_score: 4, m_score: 2, segment: 'at_risk' });
    expect(await scoreOf(ids.e)).toMatchObject({ recency_days: 1, r_score: 4, f_score: 1, m_score: 1, segment: 'promising' });
    const others = await handle.db.selectFrom('account_scores').select('account_id').where('account_id', 'in', [ids.prospect ?? '', ids.cancelled ?? '']).execute();
    expect(others).toEqual([]);
  });

  it('explains the health score with its factors, and refuses CLV on thin data with a clear reason', async () => {
    const run = await handle.db.selectFrom('scoring_runs').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(run.status).toBe('done');
    expect(run.message).toMatch(/^Too little order history to fit the CLV models: 3 of 5 customers have ordered on more than one day .* at least 20 of each are needed/);
    expect(await handle.db.selectFrom('model_fits').selectAll().execute()).toEqual([]);

    // Default weights 32/20/28/10/10/10 (0006_health_factors.sql, 0023); no open issue scores 100, no
    // NPS answer and no late order drop out: 0·32 + 40·20 + 100·10 over 62 = 29.
    // The row keeps what the factors read; the account page assesses and explains them again.
    expect(await scoreOf(ids.d)).toMatchObject({
      health: 29, rhythm_reference: 10, open_issues: 0, breached_issues: 0, last_nps: null, last_nps_days: null, late_orders: 0, days_late: 0,
    });
    const dogwood = await accountScore(handle.db, ids.d ?? '');
    if (!dogwood.scored) throw new Error(dogwood.message);
    expect(dogwood).toMatchObject({ p_alive: null, clv: null, health: 29, segment_label: 'At risk' });
    expect(dogwood.health_factors).toEqual([
      { key: 'order_rhythm', label: 'Order rhythm', score: 0, weight: 32, points: 0, reference: 10, detail: 'Last order 100 days ago; usually orders every 10 days (median) (10.0× the usual gap; late).' },
      { key: 'touch_recency', label: 'Last touch', score: 40, weight: 20, points: 12.9, detail: 'Last done touch 120 days ago (full marks within 30 days, none after 180 days).' },
      { key: 'p_alive', label: 'Still a customer (p(alive))', score: null, weight: 28, points: 0, detail: expect.stringMatching(/not fitted/) },
      { key: 'service_issues', label: 'Service issues', score: 100, weight: 10, points: 16.1, open_issues: { open: 0, breached: 0 }, detail: 'No open service issues.' },
      { key: 'last_nps', label: 'Last NPS answer', score: null, weight: 10, points: 0, detail: 'No NPS answer yet: neutral, the other factors decide.' },
      { key: 'late_orders', label: 'Late orders', score: null, weight: 10, points: 0, detail: 'No order past its promised ship date: neutral, the other factors decide.' },
    ]);
    const elm = await accountScore(handle.db, ids.e ?? '');
    if (!elm.scored) throw new Error(elm.message);
    // 100·32 + 0·20 + 100·10 over 62 = 68 (62 before the service-issues factor).
    expect(elm.health).toBe(68);
    expect(elm.health_factors[0]?.detail).toMatch(/one order day so far, so compared with a typical customer's 30 days/);
    expect(elm.health_factors[1]).toMatchObject({ score: 0, detail: expect.stringMatching(/No done/) });
    expect((await scoreOf(ids.a)).health).toBe(100);
  });

  it('is idempotent for an as-of date and drops accounts that no longer qualify', async () => {
    const rows = () => handle.db.selectFrom('account_scores').selectAll().where('as_of', '=', asOf).orderBy('account_id').execute();
    const withoutRun = (list: Awaited<ReturnType<typeof rows>>) => list.map(({ run_id: _, scored_at: __, ...row }) => row);
    const before = await rows();
    const rerun = await scoreAccounts(handle.db, { asOf });
    const again = await rows();
    expect(withoutRun(again)).toEqual(withoutRun(before));
    expect(again.every((row) => row.run_id === rerun.runId)).toBe(true);

    await handle.db.updateTable('orders').set({ status: 'cancelled' }).where('account_id', '=', ids.c ?? '').execute();
    await scoreAccounts(handle.db, { asOf });
    expect((await rows()).map((row) => row.account_id)).toEqual(before.map((row) => row.account_id).filter((id) => id !== ids.c));
  });

  it('keeps 60 days of scores: a run drops the dates before them, and the table of a run that died', async () => {
    const scoredDates = async () =>
      (await sql<{ as_of: string }>`select distinct as_of::text from account_scores order by 1`.execute(handle.db)).rows.map((row) => row.as_of);
    const early = shiftDate(asOf, -61);
    await scoreAccounts(handle.db, { asOf: early });
    expect(await scoredDates()).toEqual([early, asOf]);
    // What a run that stopped before swapping its table in leaves behind.
    await sql`create table account_scores_stage_0 (like account_scores)`.execute(handle.db);
    await scoreAccounts(handle.db, { asOf });
    expect(await scoredDates()).toEqual([asOf]);
    const { rows } = await sql<{ left: boolean }>`select to_regclass('account_scores_stage_0') is not null as left`.execute(handle.db);
    expect(rows[0]?.left).toBe(false);
  });

  it('deletes the scores of an account with the account', async () => {
    const before = await handle.db.selectFrom('account_scores').select('account_id').where('account_id', '=', ids.e ?? '').execute();
    expect(before).toHaveLength(1);
    // What deleteAccount runs in its transaction: scores carry no key to cascade from (0007, 0028).
    await handle.db.transaction().execute(async (trx) => {
      await sql`select delete_account_elsewhere(${ids.e ?? ''}::uuid)`.execute(trx);
      await trx.deleteFrom('accounts').where('id', '=', ids.e ?? '').execute();
    });
    expect(await handle.db.selectFrom('account_scores').select('account_id').where('account_id', '=', ids.e ?? '').execute()).toEqual([]);
    expect(await handle.db.selectFrom('account_scores').select('account_id').where('account_id', '=', ids.a ?? '').execute()).toHaveLength(1);
  });
});
