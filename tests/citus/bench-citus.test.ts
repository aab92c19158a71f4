import { afterAll, describe, expect, it } from 'vitest';
import { runBenchmark } from '../../bench/run.ts';
import { estimatePhase } from '../../bench/scale-out.ts';
import { dropClusterDatabase } from '../../bench/citus-nodes.ts';

// The benchmark's Citus target at a size that takes a minute: `npm run bench` runs it at 100k
// accounts, where a broken step would only show after half an hour of loading.
const citusUrl = process.env.TEST_CITUS_URL ?? '';
const databaseName = 'afterclose_test_bench_citus';

describe('the Citus benchmark target', () => {
  afterAll(() => dropClusterDatabase(citusUrl, databaseName));

  it('loads a business into the cluster, times the compared figures and reports the work per shard', async () => {
    const lines: string[] = [];
    const [report] = await runBenchmark({
      citusUrl,
      databaseName,
      targets: ['citus'],
      targetsOnly: true,
      statsSettleMs: 1500,
      accounts: 40,
      ordersPerAccount: 4,
      touchesPerAccount: 6,
      timelineRuns: 5,
      stalledRuns: 2,
      searchRuns: 1,
      wonDeals: 5,
      log: (line) => lines.push(line),
    });
    if (!report?.citus || !report.work) throw new Error('The citus target reported no per-shard work');
    expect(report.load.rows.orders).toBeGreaterThan(40);
    expect(report.scoring.accounts).toBeGreaterThan(10);
    expect(report.myDay.runs).toBe(5);
    // One account's timeline reaches one shard; the busiest person's day reaches every one.
    expect(report.citus.timeline).toMatchObject({ maxShards: 1, multiShard: 0, workers: 1 });
    expect(report.citus.myDay.maxShards).toBe(report.citus.layout.shards);
    expect(report.citus.myDay.workers).toBe(report.citus.layout.shardsPerWorker.length);
    expect(report.citus.layout.rowsPerShard.find((t) => t.table === 'accounts')?.max).toBeGreaterThan(0);
    const workers = report.work.load.filter((n) => n.role === 'worker');
    expect(workers.length).toBeGreaterThan(0);
    for (const worker of workers) expect(worker.rowsWritten).toBeGreaterThan(0);
    const scoring = estimatePhase(report, 'scoring', 2);
    expect(scoring.estimateMs(8)).toBeLessThanOrEqual(scoring.estimateMs(1));
    expect(lines.join('\n')).toMatch(/Citus work per call[\s\S]*My day, busiest person/);
  }, 600_000);
});
