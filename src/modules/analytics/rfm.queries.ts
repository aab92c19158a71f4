import { sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import type { Breakpoints } from './segments.ts';

// Order and touch days are UTC calendar days; an as-of date counts everything placed before the end
// of that day. Cancelled orders are not purchases.
const endOf = (asOf: string) => sql`((${asOf}::date + 1)::timestamp at time zone 'UTC')`;
const orderDay = sql`(placed_at at time zone 'UTC')::date`;

export type RfmBreakpoints = { recency: Breakpoints; frequency: Breakpoints; monetary: Breakpoints };

/** What scoring one account needs to know about all of them. */
export type CustomerBase = {
  customers: number;
  repeatCustomers: number;
  /** Median over repeat customers of their mean days between orders; the rhythm of a typical customer. */
  typicalLatencyDays: number | null;
  breakpoints: RfmBreakpoints;
};

const toBreakpoints = (values: number[] | null): Breakpoints => [values?.[0] ?? 0, values?.[1] ?? 0, values?.[2] ?? 0, values?.[3] ?? 0];

/** Quintile breakpoints of recency (days), frequency (orders) and monetary (total spend); null without customers. */
export async function describeCustomerBase(db: Db, asOf: string): Promise<CustomerBase | null> {
  const { rows } = await sql<{
    customers: number;
    repeat_customers: number;
    typical_latency: number | null;
    recency: number[] | null;
    frequency: number[] | null;
    monetary: number[] | null;
  }>`
    with days as (
      select account_id, ${orderDay} as day, count(*) as orders, sum(total) as spend
      from orders
      where status <> 'cancelled' and placed_at < ${endOf(asOf)}
      group by account_id, day
    ), customers as (
      select account_id, ${asOf}::date - max(day) as recency_days, sum(orders) as orders, sum(spend) as monetary,
        count(*) as order_days, max(day) - min(day) as span_days
      from days group by account_id
    )
    select count(*)::int as customers,
      count(*) filter (where order_days > 1)::int as repeat_customers,
      percentile_cont(0.5) within group (order by span_days::float8 / nullif(order_days - 1, 0)) as typical_latency,
      percentile_cont(array[0.2, 0.4, 0.6, 0.8]) within group (order by recency_days) as recency,
      percentile_cont(array[0.2, 0.4, 0.6, 0.8]) within group (order by orders) as frequency,
      percentile_cont(array[0.2, 0.4, 0.6, 0.8]) within group (order by monetary) as monetary
    from customers`.execute(db);
  const row = rows[0];
  if (!row || row.customers === 0) return null;
  return {
    customers: row.customers,
    repeatCustomers: row.repeat_customers,
    typicalLatencyDays: row.typical_latency,
    breakpoints: { recency: toBreakpoints(row.recency), frequency: toBreakpoints(row.frequency), monetary: toBreakpoints(row.monetary) },
  };
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
  /** The last order day plus the median gap: when the account's own rhythm says it orders next. */
  next_expected_order_on: string | null;
  r_score: number;
  f_score: number;
  m_score: number;
  days_since_touch: number | null;
};

/** 1–5 by how many breakpoints a value beats; equal values always get equal scores (ntile would split them). */
function quintile(column: string, breakpoints: Breakpoints, higherIsBetter: boolean) {
  const op = sql.raw(higherIsBetter ? '>' : '<');
  const beats = breakpoints.map((b) => sql`(${sql.ref(column)} ${op} ${b}::float8)::int`);
  return sql<number>`1 + ${sql.join(beats, sql` + `)}`;
}

/**
 * RFM and latency of the accounts with ids in (afterId, throughId]: purchase days (orders of one day
 * merged), the gaps between them by lag(), their median and mean, the quintile scores against the
 * whole customer base, and days since the last done touch. Accounts without orders are left out.
 */
export async function rfmForAccountRange(
  db: Db,
  range: { asOf: string; afterId: string; throughId: string; breakpoints: RfmBreakpoints },
): Promise<AccountRfm[]> {
  const { asOf, afterId, throughId, breakpoints } = range;
  const { rows } = await sql<AccountRfm>`
    with days as (
      select account_id, ${orderDay} as day, count(*) as orders, sum(total) as spend
      from orders
      where account_id > ${afterId}::uuid and account_id <= ${throughId}::uuid
        and status <> 'cancelled' and placed_at < ${endOf(asOf)}
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
        avg(gap)::float8 as mean_latency_days
      from gaps group by account_id
    ), touched as (
      select account_id, max(done_at) as last_touch_at
      from touches
      where account_id > ${afterId}::uuid and account_id <= ${throughId}::uuid
        and status = 'done' and done_at < ${endOf(asOf)}
      group by account_id
    )
    select stats.*,
      -- floor(m + 0.5) rounds halves up as JavaScript does; round() on a float8 rounds them to even.
      stats.last_order_on + floor(stats.median_latency_days + 0.5)::int as next_expected_order_on,
      ${quintile('recency_days', breakpoints.recency, false)} as r_score,
      ${quintile('orders', breakpoints.frequency, true)} as f_score,
      ${quintile('monetary', breakpoints.monetary, true)} as m_score,
      ${asOf}::date - (touched.last_touch_at at time zone 'UTC')::date as days_since_touch
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
