import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../platform/db.ts';

// Order and touch days are UTC calendar days; an as-of date counts everything placed before the end
// of that day. Cancelled orders are not purchases.
const endOf = (asOf: string) => sql`((${asOf}::date + 1)::timestamp at time zone 'UTC')`;
const orderDay = sql`(placed_at at time zone 'UTC')::date`;

/**
 * Whether the CLV fit draws the account with this id, for a share of all accounts: the first 32
 * bits of md5(id) are uniform, stable on every PostgreSQL, and need no extension. The scoring read
 * and the holdout check's sample use this one test, so both draw the same accounts.
 */
export function drawnForFit(accountId: RawBuilder<unknown>, share: number): RawBuilder<boolean> {
  const threshold = Math.floor(Math.min(1, share) * 2 ** 32);
  return sql<boolean>`('x' || substr(md5(${accountId}::text), 1, 8))::bit(32)::bigint < ${threshold}`;
}

export type AccountRfm = {
  account_id: string;
  first_order_on: string;
  last_order_on: string;
  orders: number;
  order_days: number;
  recency_days: number;
  /** Days from the first to the last purchase day (t_x of the CLV models), and from the first to the as-of date (T). */
  span_days: number;
  age_days: number;
  monetary: number;
  repeat_spend_mean: number;
  median_latency_days: number | null;
  mean_latency_days: number | null;
  /** Quarters with an order, ascending, each as year · 4 + quarter − 1: the cohort table's input. */
  quarters: number[];
  /** The last order day plus the median gap: when the account's own rhythm says it orders next. */
  next_expected_order_on: string | null;
  days_since_touch: number | null;
  /** Whether the CLV fit draws this account (drawnForFit). */
  in_fit_sample: boolean;
};

/** The ids of the accounts in (afterId, throughId], in id order. */
export async function accountIdsInRange(db: Db, range: { afterId: string; throughId: string }): Promise<string[]> {
  const rows = await db.selectFrom('accounts').select('id').where('id', '>', range.afterId).where('id', '<=', range.throughId).orderBy('id').execute();
  return rows.map((row) => row.id);
}

/**
 * RFM and latency of a chunk of accounts: purchase days (orders of one day merged), the gaps
 * between them by lag(), their median and mean, the quarters with an order, and days since the last
 * done touch. Accounts without orders are left out. The chunk is a
 * list of ids, not an id range: PostgreSQL cannot estimate how many rows a range of uuids holds,
 * takes it for one row, and then may join the touches by a nested loop that rescans them per
 * account (seconds per chunk instead of milliseconds).
 */
export async function rfmForAccounts(
  db: Db,
  chunk: { asOf: string; accountIds: readonly string[]; fitSampleShare: number },
): Promise<AccountRfm[]> {
  const { asOf, accountIds } = chunk;
  if (accountIds.length === 0) return [];
  const ids = sql`${accountIds}::uuid[]`;
  const { rows } = await sql<AccountRfm>`
    with days as (
      select account_id, ${orderDay} as day, count(*) as orders, sum(total) as spend
      from orders
      where account_id = any(${ids}) and status <> 'cancelled' and placed_at < ${endOf(asOf)}
      group by account_id, day
    ), gaps as (
      select days.*, day - lag(day) over w as gap, row_number() over w as nth
      from days window w as (partition by account_id order by day)
    ), stats as (
      select account_id, min(day) as first_order_on, max(day) as last_order_on,
        sum(orders)::int as orders, count(*)::int as order_days, ${asOf}::date - max(day) as recency_days,
        max(day) - min(day) as span_days, ${asOf}::date - min(day) as age_days,
        sum(spend)::float8 as monetary,
        coalesce(sum(spend) filter (where nth > 1) / nullif(count(*) - 1, 0), 0)::float8 as repeat_spend_mean,
        percentile_cont(0.5) within group (order by gap) as median_latency_days,
        avg(gap)::float8 as mean_latency_days,
        array_agg(distinct (extract(year from day) * 4 + extract(quarter from day) - 1)::int) as quarters
      from gaps group by account_id
    ), touched as (
      select account_id, max(done_at) as last_touch_at
      from touches
      where account_id = any(${ids}) and status = 'done' and done_at < ${endOf(asOf)}
      group by account_id
    )
    select stats.*,
      -- floor(m + 0.5) rounds halves up as JavaScript does; round() on a float8 rounds them to even.
      stats.last_order_on + floor(stats.median_latency_days + 0.5)::int as next_expected_order_on,
      ${asOf}::date - (touched.last_touch_at at time zone 'UTC')::date as days_since_touch,
      ${drawnForFit(sql.ref('stats.account_id'), chunk.fitSampleShare)} as in_fit_sample
    from stats left join touched using (account_id)
    order by account_id`.execute(db);
  return rows;
}

/**
 * The last id of every run of `size` accounts in id order (the last one possibly shorter): the
 * chunks scoring works through, found in one index scan instead of one query per chunk.
 */
export async function accountChunkEnds(db: Db, size: number): Promise<{ lastId: string; accounts: number }[]> {
  const { rows } = await sql<{ id: string; n: number }>`
    select id, n from (
      select id, row_number() over (order by id) as n, count(*) over () as total from accounts
    ) numbered
    where n % ${size} = 0 or n = total
    order by id`.execute(db);
  return rows.map((row, i) => ({ lastId: row.id, accounts: row.n - (rows[i - 1]?.n ?? 0) }));
}
