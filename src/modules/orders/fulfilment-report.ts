import { sql } from 'kysely';
import { addDays, now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import type { FulfilmentReportQuery, LateOrdersQuery } from './fulfilment.schema.ts';

/** How fast a group of orders shipped: hours from order to shipment, and the share within the promise. */
type ShippingTimes = { shipped: number; median_hours: number; p90_hours: number; within_promise_share: number | null };
export type FulfilmentReport = {
  weeks: (ShippingTimes & { week_start: string })[];
  products: (ShippingTimes & { product_id: string; name: string })[];
  people: (ShippingTimes & { user_id: string | null; name: string | null })[];
};

// An order without a deadline (shipped before promises existed) has no say in the share.
const times = sql`count(*)::int as shipped,
  round((percentile_cont(0.5) within group (order by extract(epoch from o.shipped_at - o.placed_at)) / 3600)::numeric, 1)::float8 as median_hours,
  round((percentile_cont(0.9) within group (order by extract(epoch from o.shipped_at - o.placed_at)) / 3600)::numeric, 1)::float8 as p90_hours,
  round(avg(case when o.ship_by is null then null when o.shipped_at <= o.ship_by then 1.0 else 0.0 end), 3)::float8 as within_promise_share`;

/**
 * Order-to-ship time of the orders shipped in the last weeks (Monday to Sunday, UTC): per week, per
 * product on the order, and per person responsible — the account's service owner, else its owner,
 * as the late-order alerts choose.
 */
export async function fulfilmentReport(db: Db, query: FulfilmentReportQuery): Promise<FulfilmentReport> {
  const since = addDays(now(), -7 * query.weeks);
  const shipped = sql`o.shipped_at is not null and o.shipped_at >= ${since} and o.status <> 'cancelled'`;
  const [weeks, products, people] = await Promise.all([
    sql<FulfilmentReport['weeks'][number]>`
      select to_char(date_trunc('week', o.shipped_at at time zone 'UTC'), 'YYYY-MM-DD') as week_start, ${times}
      from orders o where ${shipped} group by 1 order by 1`.execute(db),
    sql<FulfilmentReport['products'][number]>`
      select p.id as product_id, p.name, ${times}
      from orders o join lateral (select distinct l.product_id from order_lines l where l.account_id = o.account_id and l.order_id = o.id) l on true
        join products p on p.id = l.product_id
      where ${shipped} group by p.id, p.name order by shipped desc, p.name limit 50`.execute(db),
    sql<FulfilmentReport['people'][number]>`
      select u.id as user_id, u.name, ${times}
      from orders o join accounts a on a.id = o.account_id left join users u on u.id = coalesce(a.service_owner_id, a.owner_id)
      where ${shipped} group by u.id, u.name order by shipped desc, u.name nulls last`.execute(db),
  ]);
  return { weeks: weeks.rows, products: products.rows, people: people.rows };
}

export type LateOrder = {
  id: string;
  number: string;
  account_id: string;
  account_name: string;
  placed_at: Date;
  ship_by: Date;
  expected_ship_on: string | null;
  total: number;
  currency: string;
  responsible_id: string | null;
  responsible_name: string | null;
  escalated: boolean;
};

/**
 * Orders past their ship-by date and still not shipped, the longest overdue first: the same
 * index range read as the alert scan, so the list stays fast with millions of orders.
 */
export async function listLateOrders(db: Db, query: LateOrdersQuery): Promise<{ items: LateOrder[] }> {
  const at = now();
  const { rows } = await sql<LateOrder>`
    select o.id, o.number, o.account_id, a.name as account_name, o.placed_at, o.ship_by, o.expected_ship_on::text as expected_ship_on,
      o.total::float8 as total, o.currency, u.id as responsible_id, u.name as responsible_name,
      coalesce(o.escalate_by <= ${at}, false) as escalated
    from orders o join accounts a on a.id = o.account_id left join users u on u.id = coalesce(a.service_owner_id, a.owner_id)
    where o.status = 'placed' and o.ship_by <= ${at}
    order by o.ship_by, o.id
    limit ${query.limit}`.execute(db);
  return { items: rows };
}

/**
 * Per account: its unshipped orders past their ship-by date at a moment, and how many days the
 * oldest is late; accounts without one are absent. Statuses are today's, like the open issues the
 * score reads. One statement for every account over the unshipped orders' partial index, grouped by
 * the distribution column so Citus runs it on the shards.
 */
export async function lateOrderCounts(db: Db, at: Date): Promise<Map<string, { late: number; days_late: number }>> {
  const { rows } = await sql<{ account_id: string; late: number; days_late: number }>`
    select o.account_id, count(*)::int as late, floor(extract(epoch from ${at}::timestamptz - min(o.ship_by)) / 86400)::int as days_late
    from orders o
    where o.status = 'placed' and o.ship_by <= ${at}
    group by o.account_id`.execute(db);
  return new Map(rows.map((r) => [r.account_id, { late: r.late, days_late: r.days_late }]));
}
