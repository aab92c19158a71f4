import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import { compactRfm, parseCompactRfm, pickRows, type RfmColumns } from './rfm-columns.ts';

// Order days are UTC calendar days; an as-of date counts everything placed before the end
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
const inRange = (range: AccountRange, column = sql`account_id`) => sql`${column} > ${range.afterId}::uuid and ${column} <= ${range.throughId}::uuid`;
// date_part gives a float8; extract() gives a numeric, which costs more per order than the rest of the row.
const quarterOf = (day: RawBuilder<unknown>) => sql`(date_part('year', ${day}) * 4 + date_part('quarter', ${day}) - 1)::int`;

/**
 * What an account's stored stats were computed from: its orders, their spend, the sum of their
 * times (any order moved to another day changes it) and the sum of spend times order day (two
 * orders swapping totals across days change it). Cents times a day number stays within bigint
 * for any total numeric(14, 2) holds.
 */
const orderChecksums = sql`count(*)::int as orders, sum(total) as spend,
  sum(date_part('epoch', placed_at)::bigint) as placed_seconds,
  sum((total * 100)::bigint * (date_part('epoch', placed_at)::bigint / 86400)) as spend_days`;

/**
 * Per account, the numbers that do not depend on the as-of date, from its orders that match
 * `where`, in one pass over them in the order of the covering index (account, placed_at), so
 * PostgreSQL neither sorts nor hashes them: lag() over that order gives the gap to the previous
 * order, and an order on a new day (gap > 0, or the first) starts a purchase day. From that one
 * window the group by account yields purchase days, spend after the first day, the median and mean
 * gap between purchase days and the quarters with an order, the same numbers a group by (account,
 * day) gave. Grouped by the distribution column, Citus runs it on the shards. The columns are
 * those of account_order_stats.
 */
const orderStats = (where: RawBuilder<unknown>) => sql`
  select account_id, ${orderChecksums}, min(day) as first_order_on, max(day) as last_order_on,
    count(*) filter (where gap is distinct from 0)::int as order_days,
    coalesce(sum(total) filter (where day > first_day) / nullif(count(*) filter (where gap is distinct from 0) - 1, 0), 0)::float8 as repeat_spend_mean,
    percentile_cont(0.5) within group (order by gap) filter (where gap > 0) as median_latency_days,
    avg(gap) filter (where gap > 0)::float8 as mean_latency_days,
    -- Days only grow along the window's order, so a quarter differs from the previous order's day's
    -- quarter exactly when it is new for the account: the list comes out ascending and distinct,
    -- and the quarter number is computed only for the few orders that start one.
    array_agg(${quarterOf(sql`day`)}) filter (where gap is null or gap > 0 and date_trunc('quarter', day) <> date_trunc('quarter', day - gap)) as quarters
  from (
    select account_id, total, placed_at, ${orderDay} as day,
      ${orderDay} - lag(${orderDay}) over w as gap,
      first_value(${orderDay}) over w as first_day
    from orders
    where ${where} and status <> 'cancelled'
    window w as (partition by account_id order by placed_at)
  ) stepped
  group by account_id`;

/** An account's RFM and latency as of a date, from its stats (a row of account_order_stats or of orderStats). */
const rfmAsOf = (asOf: string) => sql`st.first_order_on, st.last_order_on, st.orders, st.order_days,
  ${asOf}::date - st.last_order_on as recency_days, st.last_order_on - st.first_order_on as span_days, ${asOf}::date - st.first_order_on as age_days,
  st.spend::float8 as monetary, st.repeat_spend_mean, st.median_latency_days, st.mean_latency_days, st.quarters,
  -- floor(m + 0.5) rounds halves up as JavaScript does; round() on a float8 rounds them to even.
  st.last_order_on + floor(st.median_latency_days + 0.5)::int as next_expected_order_on`;

/** Computes the stored stats again from all their orders for the accounts in a uuid[] literal. */
async function refreshOrderStats(db: Db, accountIds: string): Promise<void> {
  const columns = sql`account_id, orders, spend, placed_seconds, spend_days, first_order_on, last_order_on, order_days,
    repeat_spend_mean, median_latency_days, mean_latency_days, quarters`;
  const updates = sql.join(
    ['orders', 'spend', 'placed_seconds', 'spend_days', 'first_order_on', 'last_order_on', 'order_days', 'repeat_spend_mean', 'median_latency_days', 'mean_latency_days', 'quarters'].map(
      (name) => sql`${sql.ref(name)} = excluded.${sql.ref(name)}`,
    ),
  );
  await sql`
    insert into account_order_stats (${columns})
    select ${columns} from (${orderStats(sql`account_id = any(${accountIds}::uuid[])`)}) computed
    on conflict (account_id) do update set ${updates}`.execute(db);
}

/**
 * RFM and latency of the accounts with orders in the id range (afterId, throughId], by column
 * (rfm-columns.ts). One pass over the range's orders in index order with four sums per account (a
 * bare GROUP BY's pass, at two to three times its aggregates' cost) checks each account's stored
 * stats against its orders; a stored row that still adds up is read as it is. The few accounts
 * whose orders changed since are computed again first. Accounts with an order after the as-of date
 * (the nightly run scores yesterday; a past date has many) are scored from their orders up to that
 * date, by the same statement. The rows come in account id order on PostgreSQL (on Citus in
 * whatever order the shards answer, which scoring does not depend on).
 */
export async function rfmForAccountRange(db: Db, chunk: { asOf: string; range: AccountRange }): Promise<RfmColumns> {
  const { asOf, range } = chunk;
  // Grouped by the distribution column inside, so Citus runs the subquery on the shards and only
  // the lists are put together on the coordinator.
  const checked = await compactRfm(
    sql`
      with current as (
        select account_id, ${orderChecksums}, max(placed_at) as last_placed_at
        from orders where ${inRange(range)} and status <> 'cancelled' group by account_id
      )
      select c.account_id, ${rfmAsOf(asOf)},
        st.account_id is null or (st.orders, st.spend, st.placed_seconds, st.spend_days) <> (c.orders, c.spend, c.placed_seconds, c.spend_days) as stale,
        c.last_placed_at >= ${endOf(asOf)} as later
      from current c left join account_order_stats st on st.account_id = c.account_id and ${inRange(range, sql`st.account_id`)}
      order by c.account_id`,
    ['stale', 'later'],
  )
    .execute(db)
    .then((result) => result.rows[0]);
  const rows = parseCompactRfm(checked);
  const flagged = (letters: string | null | undefined, index: number) => letters?.charCodeAt(index) === 116; // 't'
  const isStale = (index: number) => flagged(checked?.stale, index);
  const isLater = (index: number) => flagged(checked?.later, index);
  const indices = rows.accountIds.map((_, index) => index);
  const idList = (list: readonly number[]) => `{${list.map((index) => rows.accountIds[index]).join(',')}}`;
  const stale = indices.filter(isStale);
  if (stale.length > 0) await refreshOrderStats(db, idList(stale));
  const refreshed = stale.filter((index) => !isLater(index));
  const later = indices.filter(isLater);
  if (refreshed.length + later.length === 0) return rows;
  const readColumns = (select: RawBuilder<unknown>) =>
    compactRfm(select)
      .execute(db)
      .then((result) => parseCompactRfm(result.rows[0]));
  const [fromStats, fromOrders] = await Promise.all([
    refreshed.length === 0
      ? null
      : readColumns(sql`select st.account_id, ${rfmAsOf(asOf)} from account_order_stats st where st.account_id = any(${idList(refreshed)}::uuid[])`),
    later.length === 0
      ? null
      : readColumns(sql`select st.account_id, ${rfmAsOf(asOf)}
          from (${orderStats(sql`account_id = any(${idList(later)}::uuid[]) and placed_at < ${endOf(asOf)}`)}) st`),
  ]);
  const recomputed = new Map(
    [fromStats, fromOrders].flatMap((from) => from?.accountIds.map((accountId, index) => [accountId, { from, index }] as const) ?? []),
  );
  // Accounts whose every order is after the as-of date have no row as of that date.
  return pickRows(
    indices.flatMap((index) => {
      if (!isStale(index) && !isLater(index)) return [{ from: rows, index }];
      const again = recomputed.get(rows.accountIds[index] ?? '');
      return again ? [again] : [];
    }),
  );
}

/**
 * The last id of every run of `size` accounts in id order (the last one possibly shorter): the
 * chunks scoring works through, found in one index scan instead of one query per chunk. The last
 * account and the count come from a statement of their own: a count over the window would make
 * PostgreSQL hold every id before it returns the first (0.55 s instead of 0.35 s at 1M accounts).
 */
export async function accountChunkEnds(db: Db, size: number): Promise<{ lastId: string; accounts: number }[]> {
  const [{ rows: ends }, { rows: last }] = await Promise.all([
    sql<{ id: string; n: number }>`
      select id, n::int from (select id, row_number() over (order by id) as n from accounts) numbered
      where n % ${size} = 0 order by id`.execute(db),
    sql<{ id: string; n: number }>`
      select (select id from accounts order by id desc limit 1) as id, (select count(*)::int from accounts) as n`.execute(db),
  ]);
  const total = last[0];
  const rows = total?.id && total.n !== ends.at(-1)?.n ? [...ends, total] : ends;
  return rows.map((row, i) => ({ lastId: row.id, accounts: row.n - (rows[i - 1]?.n ?? 0) }));
}
