import { sql } from 'kysely';
import { DAY_MS } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';

/**
 * The time after one of a customer's orders during which they are due to reorder: from when their own
 * typical time between orders (the median gap, from at least two gaps, as of that order) has passed,
 * until their next order (`nextAt`, null while there is none).
 */
export type ReorderWindow = {
  accountId: string;
  orderId: string;
  placedAt: Date;
  dueAt: Date;
  nextAt: Date | null;
  /** Rounded to whole days, as the reminder says it. */
  medianDays: number;
  snoozedUntil: Date | null;
};

/**
 * The rule both readings share, in one place: the gaps between a customer's consecutive orders not
 * cancelled and placed up to `to` (so the rhythm never knows the future), each row with the next
 * order (`next_at`); the median of at least `minGaps` gaps; due that median, in whole days rounded
 * up, after the order. Orders placed at the same moment give the same gaps in any order, so the
 * pass needs no tie-break and reads the orders index (account, placed_at) of customers not cancelled.
 */
const orderGaps = (to: Date) => sql`
  select account_id, id, placed_at, lead(placed_at) over w as next_at,
    extract(epoch from placed_at - lag(placed_at) over w) / 86400 as gap_days
  from orders where status <> 'cancelled' and placed_at <= ${to}
  window w as (partition by account_id order by placed_at)`;
const minGaps = 2;
const dueAfter = (placedAt: ReturnType<typeof sql>, medianDays: ReturnType<typeof sql>) => sql`${placedAt} + make_interval(days => ceil(${medianDays})::int)`;

/**
 * The reorder windows that are open at some moment of [from, to], by account id, in one pass over the orders placed
 * up to `to`: each order's gaps so far ride along the pass, so the median of every order's rhythm
 * costs no lookup. A simulation asks once for its whole period and then picks each week's due
 * customers from the answer (`dueForReorder`), instead of running the pass every simulated week.
 */
export async function reorderWindows(db: Db, period: { from: Date; to: Date }): Promise<ReorderWindow[]> {
  const rows = await sql<{ account_id: string; order_id: string; placed_at: Date; due_at: Date; next_at: Date | null; median_days: number; snoozed_until: Date | null }>`
    with gaps as (${orderGaps(period.to)}), rhythm as (
      select account_id, id, placed_at, next_at,
        array_agg(gap_days) filter (where gap_days is not null) over (partition by account_id order by placed_at, id rows between unbounded preceding and current row) as gaps
      from gaps
    ), windows as (
      select r.account_id, r.id, r.placed_at, r.next_at, m.median_days, ${dueAfter(sql`r.placed_at`, sql`m.median_days`)} as due_at
      from rhythm r cross join lateral (select percentile_cont(0.5) within group (order by g) as median_days from unnest(r.gaps) g) m
      where cardinality(r.gaps) >= ${minGaps} and (r.next_at is null or r.next_at > ${period.from})
    )
    select w.account_id, w.id as order_id, w.placed_at, w.due_at, w.next_at, round(w.median_days)::int as median_days, a.snoozed_until
    from windows w join accounts a on a.id = w.account_id
    where w.due_at <= ${period.to} and (w.next_at is null or w.due_at < w.next_at)`.execute(db);
  const byAccount = (a: { account_id: string }, b: { account_id: string }) => (a.account_id < b.account_id ? -1 : a.account_id > b.account_id ? 1 : 0);
  // Sorted by account once, so each weekly pick keeps the scan's order without sorting again.
  return rows.rows.sort(byAccount).map((r) => ({
    accountId: r.account_id,
    orderId: r.order_id,
    placedAt: r.placed_at,
    dueAt: r.due_at,
    nextAt: r.next_at,
    medianDays: r.median_days,
    snoozedUntil: r.snoozed_until,
  }));
}

/** A customer due to reorder at a moment: one run per last order, with what the reminder says. */
export type ReorderDue = { accountId: string; key: string; medianDays: number; daysSince: number };

const afterOrder = (orderId: string) => `after-order:${orderId}`;

/**
 * The customers due to reorder at `at` (the hourly scan's moment), by account id, leaving out
 * those every one of `playbookIds` has reminded for their last order: a customer reminded stays due
 * until they order, and counted toward `limit` they would take the first places of every scan and
 * starve the newly due. Only each customer's current window is computed (one median per customer,
 * over their orders up to `at`), not one per order as a simulation needs. By account id rather
 * than longest due first: the pass then follows the orders index and stops at `limit`, where sorting
 * by due date read all orders every hour (3.4 s against 0.5 s on a million orders).
 */
export async function dueForReorderNow(db: Db, at: Date, playbookIds: readonly string[], limit: number): Promise<ReorderDue[]> {
  const rows = await sql<{ account_id: string; last_order_id: string; median_days: number; days_since: number }>`
    with gaps as (${orderGaps(at)}), rhythm as (
      select account_id, percentile_cont(0.5) within group (order by gap_days) as median_days, count(gap_days) as gaps,
        max(placed_at) as last_at, (array_agg(id order by placed_at desc, id desc))[1] as last_order_id
      from gaps group by account_id
    )
    select r.account_id, r.last_order_id, round(r.median_days)::int as median_days,
      floor(extract(epoch from ${at}::timestamptz - r.last_at) / 86400)::int as days_since
    from rhythm r join accounts a on a.id = r.account_id
    where r.gaps >= ${minGaps} and ${dueAfter(sql`r.last_at`, sql`r.median_days`)} <= ${at}
      and (a.snoozed_until is null or a.snoozed_until < ${at})
      -- Counted per account rather than over unnest(playbook ids): Citus pushes a subquery correlated on
      -- account_id down to the shard, but refuses one joined to a list of values.
      and (select count(distinct pr.playbook_id) from playbook_runs pr
        where pr.account_id = r.account_id and pr.playbook_id = any(${playbookIds}::uuid[])
          and pr.trigger_key = ${afterOrder('')} || r.last_order_id) < ${playbookIds.length}
    order by r.account_id
    limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({ accountId: r.account_id, key: afterOrder(r.last_order_id), medianDays: r.median_days, daysSince: r.days_since }));
}

/**
 * The customers due to reorder at `at` and not snoozed, by account id as the hourly scan takes them
 * (`windows` come sorted so from `reorderWindows`): at a moment, each
 * customer has at most one open window, the one after their last order so far. The scan leaves out
 * those already reminded before it takes its limit, as `dueForReorderNow` does.
 */
export function dueForReorder(windows: readonly ReorderWindow[], at: Date): ReorderDue[] {
  // Compared as numbers: a simulated year asks this of a quarter of a million windows every week.
  const t = at.getTime();
  return windows
    .filter((w) => w.dueAt.getTime() <= t && (w.nextAt === null || w.nextAt.getTime() > t) && (w.snoozedUntil === null || w.snoozedUntil.getTime() < t))
    .map((w) => ({
      accountId: w.accountId,
      key: afterOrder(w.orderId),
      medianDays: w.medianDays,
      daysSince: Math.floor((at.getTime() - w.placedAt.getTime()) / DAY_MS),
    }));
}
