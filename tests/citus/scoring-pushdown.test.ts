import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryRecorder } from '../../bench/query-recorder.ts';
import { insertAccountWithOrders, scoreAccounts } from '../../src/modules/analytics/index.ts';
import { pinClock } from '../../src/platform/clock.ts';
import type { DbHandle } from '../../src/platform/db.ts';
import { openTestDb } from '../helpers/test-db.ts';

// Issue 14: on Citus the nightly scoring read is aggregated on the workers, next to the orders,
// touches, issues and survey answers. The coordinator receives one row per account (or nothing but
// a plan fragment), never those rows.
// A statement grouped by the distribution column is pushed down whole: its plan has no grouping
// above the Citus scan, and no subplan whose results the coordinator collects first. The one
// aggregate the coordinator may run is ungrouped: it puts the per-account rows the workers return
// into one row of lists per chunk (rfm-columns.ts), which is cheaper for Node to receive.

let handle: DbHandle;
const asOf = '2026-05-31';

beforeAll(async () => {
  pinClock('2026-06-02T02:00:00Z');
  handle = await openTestDb();
  for (let a = 0; a < 6; a += 1) {
    await insertAccountWithOrders(handle.db, `Shard ${a}`, [
      { on: '2026-01-10', total: 40 },
      { on: '2026-03-02', total: 60 },
      { on: '2026-06-01', total: 10 },
    ]);
  }
});
afterAll(async () => {
  pinClock(null);
  await handle.close();
});

/** The plan's lines above the first Citus scan: what the coordinator itself runs. */
async function coordinatorPlan(query: CompiledQuery): Promise<string[]> {
  const plan = await handle.db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${query.sql}`, [...query.parameters]));
  const lines = plan.rows.map((row) => row['QUERY PLAN']);
  const citusScan = lines.findIndex((line) => line.includes('Custom Scan (Citus'));
  expect(citusScan).toBeGreaterThanOrEqual(0);
  return [...lines.slice(0, citusScan), ...lines.filter((line) => /Distributed Subplan|Repartition|MapMergeJob/.test(line))];
}

describe('nightly scoring on Citus', () => {
  it('aggregates orders, touches, issues and answers on the workers, for the first run and for the stored stats', async () => {
    const tables = /\bfrom "?(orders|touches|account_order_stats|issues|survey_responses)\b/;
    for (const run of ['first', 'next']) {
      const recorder = new QueryRecorder(handle.db);
      await scoreAccounts(handle.db.withPlugin(recorder), { asOf, chunkSize: 4 });
      const reads = recorder.queries.filter((q) => tables.test(q.sql));
      const read = new Set(reads.map((q) => q.sql.match(tables)?.[1]));
      expect([...read], run).toEqual(expect.arrayContaining(['orders', 'touches', 'issues', 'survey_responses']));
      for (const query of reads) {
        const onCoordinator = await coordinatorPlan(query);
        const grouping = /HashAggregate|GroupAggregate|MixedAggregate|Group Key|Distributed Subplan|Repartition|MapMergeJob/;
        expect(onCoordinator.filter((line) => grouping.test(line)), `${run}: ${query.sql}`).toEqual([]);
      }
    }
  });
});
