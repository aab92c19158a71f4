// The worker's lateness scan (decision 0022) on a loaded business. Part of `npm run bench` and of
// the scoring benchmark (1M accounts / 10M orders); on a database of an earlier run alone:
//   DATABASE_URL=postgres://…/afterclose_bench_scoring npx tsx bench/lateness-scan.ts
// BENCH_LATENESS_HOLD_BACK=15 holds back one in 15 recent orders instead of one in 50: on a smaller
// database, as many late orders as a bigger one would have.

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import { lateOrdersQuery } from '../src/modules/orders/index.ts';
import type { Database } from '../src/platform/db-schema.ts';
import { type Db, openDatabase } from '../src/platform/db.ts';
import { formatCount, type Latency, measureLatency } from './measure.ts';

export type LatenessScan = {
  orders: number;
  unshipped: number;
  /** Unshipped orders past their deadline in the scan's 60-day window: what a tick reads at most. */
  late: number;
  /** The plan reads the partial index of unshipped orders and does not scan all orders. */
  indexRead: boolean;
  /** A tick with alerts to raise: it stops at its batch of 100. */
  firstTick: Latency;
  /** A tick once every late order has its alert: it reads all of them and finds nothing. */
  laterTick: Latency;
};

/**
 * The generated business ships every order within two days, so nothing is late. This holds back
 * one in `holdBack` of the orders placed in the last 60 days (unshipped, deadline two days after they
 * were placed), times the scan, and rolls everything back: the data stay as the other benchmarks
 * found them.
 */
export async function benchLatenessScan(db: Db, runs: number, holdBack = 50): Promise<LatenessScan> {
  return db.connection().execute(async (conn: Kysely<Database>) => {
    await sql`begin`.execute(conn);
    try {
      // Days added in UTC (immutable): Citus refuses timestamptz + interval, which depends on the
      // session's time zone, on a column in an UPDATE (decision 0028).
      await sql`
        update orders set status = 'placed', shipped_at = null, delivered_at = null,
          ship_by = ((placed_at at time zone 'UTC') + interval '2 days') at time zone 'UTC',
          escalate_by = ((placed_at at time zone 'UTC') + interval '6 days') at time zone 'UTC'
        where placed_at > now() - interval '60 days' and abs(hashtext(id::text)) % ${holdBack} = 0`.execute(conn);
      // ANALYZE inside the transaction sees its own changes; its statistics roll back with them.
      await sql`analyze orders`.execute(conn);
      const at = new Date();
      const { rows: counts } = await sql<{ orders: number; unshipped: number; late: number }>`
        select count(*)::int as orders, count(*) filter (where status = 'placed')::int as unshipped,
          count(*) filter (where status = 'placed' and ship_by <= ${at} and ship_by > ${at}::timestamptz - interval '60 days')::int as late
        from orders`.execute(conn);
      const { rows: plan } = await sql<{ 'QUERY PLAN': string }>`explain ${lateOrdersQuery(at)}`.execute(conn);
      const text = plan.map((r) => r['QUERY PLAN']).join('\n');
      // Only orders count: order_alerts is empty on a fresh database, and a scan of an empty table
      // is what PostgreSQL rightly picks for it.
      const indexRead = text.includes('orders_unshipped_ship_by_idx') && !/Seq Scan on orders\b/.test(text);
      const firstTick = await measureLatency(() => lateOrdersQuery(at).execute(conn), 3, runs);
      await sql`
        insert into order_alerts (account_id, order_id, level, raised_at)
        select o.account_id, o.id, lvl.level, ${at} from orders o
          cross join lateral (values ('late', o.ship_by), ('escalated', o.escalate_by)) as lvl(level, due)
        where o.status = 'placed' and o.ship_by <= ${at} and o.ship_by > ${at}::timestamptz - interval '60 days' and lvl.due <= ${at}`.execute(conn);
      const laterTick = await measureLatency(() => lateOrdersQuery(at).execute(conn), 3, runs);
      const row = counts[0] ?? { orders: 0, unshipped: 0, late: 0 };
      return { ...row, indexRead, firstTick, laterTick };
    } finally {
      await sql`rollback`.execute(conn);
    }
  });
}

export function latenessScanLine(scan: LatenessScan): string {
  const ms = (l: Latency) => `p50 ${l.p50.toFixed(2)} ms, p99 ${l.p99.toFixed(2)} ms`;
  return (
    `   Lateness scan of ${formatCount(scan.orders)} orders (${formatCount(scan.unshipped)} unshipped, ${formatCount(scan.late)} late within 60 days): ` +
    `${scan.indexRead ? 'an index read of unshipped orders, no Seq Scan on orders' : 'NOT an index read (see EXPLAIN)'}; ` +
    `a tick with alerts to raise ${ms(scan.firstTick)}; a tick after all are raised (reads all ${formatCount(scan.late)}) ${ms(scan.laterTick)}`
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const env = z
    .object({
      DATABASE_URL: z.string().url(),
      BENCH_LATENESS_RUNS: z.coerce.number().int().positive().default(20),
      BENCH_LATENESS_HOLD_BACK: z.coerce.number().int().min(1).default(50),
    })
    .parse(process.env);
  const handle = await openDatabase({ kind: 'postgres', url: env.DATABASE_URL, poolSize: 1 });
  try {
    console.log(latenessScanLine(await benchLatenessScan(handle.db, env.BENCH_LATENESS_RUNS, env.BENCH_LATENESS_HOLD_BACK)));
  } finally {
    await handle.close();
  }
}
