import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../platform/db.ts';

// Order and touch days are UTC calendar days; an as-of date counts everything placed before the end
// of that day. Cancelled orders are not purchases.
const endOf = (asOf: string) => sql`((${asOf}::date + 1)::timestamp at time zone 'UTC')`;
const orderDay = sql`(placed_at at time zone 'UTC')::date`;

/**
 * Whether the CLV fit draws the account with this id, for a share of all accounts: the first 32
 * bits of md5(id) are uniform, stable on every PostgreSQL, and need no extension. The fit's sample
 * and the holdout check's use this one test, so both draw the same accounts.
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
};

type AccountRange = { afterId: string; throughId: string };
const inRange = (range: AccountRange) => sql`account_id > ${range.afterId}::uuid and account_id <= ${range.throughId}::uuid`;
// date_part gives a float8; extract() gives a numeric, which costs more per order than the rest of the row.
const quarterOf = (day: RawBuilder<unknown>) => sql`(date_part('year', ${day}) * 4 + date_part('quarter', ${day}) - 1)::int`;

/**
 * RFM and latency of the accounts with orders in the id range (afterId, throughId], in one pass
 * over the orders in the order of the covering index (account, placed_at), so PostgreSQL neither
 * sorts nor hashes them: lag() over that order gives the gap to the previous order, and an order
 * on a new day (gap > 0, or the first) starts a purchase day. From that one window the group by
 * account yields purchase days, spend after the first day, the median and mean gap between
 * purchase days and the quarters with an order, the same numbers a group by (account, day) gave.
 * Grouped by the distribution column, Citus runs it on the shards. Touches are read by
 * lastTouchesInRange, not joined: a range of uuids is estimated at a handful of rows, and the
 * planner then joins by a nested loop that rescans the touches per account.
 */
export async function rfmForAccountRange(
  db: Db,
  chunk: { asOf: string; range: AccountRange },
): Promise<Omit<AccountRfm, 'days_since_touch'>[]> {
  const { asOf } = chunk;
  const { rows } = await sql<Omit<AccountRfm, 'days_since_touch'>>`
    with stepped as (
      select account_id, total, ${orderDay} as day,
        ${orderDay} - lag(${orderDay}) over w as gap,
        first_value(${orderDay}) over w as first_day
      from orders
      where ${inRange(chunk.range)} and status <> 'cancelled' and placed_at < ${endOf(asOf)}
      window w as (partition by account_id order by placed_at)
    ), stats as (
      select account_id, min(day) as first_order_on, max(day) as last_order_on,
        count(*)::int as orders, count(*) filter (where gap is distinct from 0)::int as order_days,
        ${asOf}::date - max(day) as recency_days, max(day) - min(day) as span_days, ${asOf}::date - min(day) as age_days,
        sum(total)::float8 as monetary,
        coalesce(sum(total) filter (where day > first_day) / nullif(count(*) filter (where gap is distinct from 0) - 1, 0), 0)::float8 as repeat_spend_mean,
        percentile_cont(0.5) within group (order by gap) filter (where gap > 0) as median_latency_days,
        avg(gap) filter (where gap > 0)::float8 as mean_latency_days,
        -- Days only grow along the window's order, so a quarter differs from the previous order's day's
        -- quarter exactly when it is new for the account: the list comes out ascending and distinct,
        -- and the quarter number is computed only for the few orders that start one.
        array_agg(${quarterOf(sql`day`)}) filter (where gap is null or gap > 0 and date_trunc('quarter', day) <> date_trunc('quarter', day - gap)) as quarters
      from stepped group by account_id
    )
    select stats.*,
      -- floor(m + 0.5) rounds halves up as JavaScript does; round() on a float8 rounds them to even.
      stats.last_order_on + floor(stats.median_latency_days + 0.5)::int as next_expected_order_on
    from stats order by account_id`.execute(db);
  return rows;
}

/** Days from each account's last done touch to the as-of date, for the accounts in the range that have one. */
export async function lastTouchesInRange(db: Db, chunk: { asOf: string; range: AccountRange }): Promise<Map<string, number>> {
  const { rows } = await sql<{ account_id: string; days_since_touch: number }>`
    select account_id, ${chunk.asOf}::date - (max(done_at) at time zone 'UTC')::date as days_since_touch
    from touches
    where ${inRange(chunk.range)} and status = 'done' and done_at < ${endOf(chunk.asOf)}
    group by account_id`.execute(db);
  return new Map(rows.map((row) => [row.account_id, row.days_since_touch]));
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
