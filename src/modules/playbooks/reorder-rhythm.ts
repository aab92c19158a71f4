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
 * The reorder windows that are open at some moment of [from, to], in one pass over the orders placed
 * up to `to`: each order's gaps so far ride along the pass, so the median of every order's rhythm
 * costs no lookup. An order placed after `to` is not seen, so the rhythm never knows the future. The
 * hourly scan asks for one moment (from = to = now); a simulation asks once for its whole period and
 * then picks each week's due customers from the answer (`dueForReorder`), instead of running the
 * pass over all orders every simulated week.
 */
export async function reorderWindows(db: Db, period: { from: Date; to: Date }): Promise<ReorderWindow[]> {
  const rows = await sql<{ account_id: string; order_id: string; placed_at: Date; due_at: Date; next_at: Date | null; median_days: number; snoozed_until: Date | null }>`
    with gaps as (
      select account_id, id, placed_at, lead(placed_at) over w as next_at,
        extract(epoch from placed_at - lag(placed_at) over w) / 86400 as gap_days
      from orders where status <> 'cancelled' and placed_at <= ${period.to}
      window w as (partition by account_id order by placed_at, id)
    ), rhythm as (
      select account_id, id, placed_at, next_at,
        array_agg(gap_days) filter (where gap_days is not null) over (partition by account_id order by placed_at, id rows between unbounded preceding and current row) as gaps
      from gaps
    ), windows as (
      select r.account_id, r.id, r.placed_at, r.next_at, m.median_days, r.placed_at + make_interval(days => ceil(m.median_days)::int) as due_at
      from rhythm r cross join lateral (select percentile_cont(0.5) within group (order by g) as median_days from unnest(r.gaps) g) m
      where cardinality(r.gaps) >= 2 and (r.next_at is null or r.next_at > ${period.from})
    )
    select w.account_id, w.id as order_id, w.placed_at, w.due_at, w.next_at, round(w.median_days)::int as median_days, a.snoozed_until
    from windows w join accounts a on a.id = w.account_id
    where w.due_at <= ${period.to} and (w.next_at is null or w.due_at < w.next_at)`.execute(db);
  return rows.rows.map((r) => ({
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

/**
 * The customers due to reorder at `at` and not snoozed, longest due first: at a moment, each
 * customer has at most one open window, the one after their last order so far.
 */
export function dueForReorder(windows: readonly ReorderWindow[], at: Date, limit: number): ReorderDue[] {
  return windows
    .filter((w) => w.dueAt <= at && (w.nextAt === null || w.nextAt > at) && (w.snoozedUntil === null || w.snoozedUntil < at))
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0))
    .slice(0, limit)
    .map((w) => ({
      accountId: w.accountId,
      key: `after-order:${w.orderId}`,
      medianDays: w.medianDays,
      daysSince: Math.floor((at.getTime() - w.placedAt.getTime()) / DAY_MS),
    }));
}
