import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { z } from 'zod';
import { accountTimeline } from '../src/modules/accounts/index.ts';
import { scoreAccounts } from '../src/modules/analytics/index.ts';
import { listStalledDeals } from '../src/modules/deals/index.ts';
import { myDay } from '../src/modules/me/index.ts';
import { listLateOrders } from '../src/modules/orders/index.ts';
import type { Db } from '../src/platform/db.ts';
import { type BenchTarget, defaultCitusUrl, openBenchTarget } from './bench-target.ts';
import { createBenchUsers, loadProgressLogger } from './bench-users.ts';
import { generateBusiness } from './generate.ts';
import { benchAccountSearch, searchLines } from './account-search.ts';
import { benchApiReads } from './api-reads.ts';
import { runPageLoadsFromEnv } from './page-load.ts';
import { benchCdnowFits, cdnowTable } from './cdnow-fits.ts';
import { benchImportThroughput } from './import.ts';
import { benchImportMemory } from './import-memory.ts';
import { benchLatenessScan, latenessScanLine } from './lateness-scan.ts';
import { benchPlaybookTriggers, benchSimulation, playbookTriggerLines, simulationLine } from './playbooks.ts';
import { benchDemoSimulation, demoSimulationLines } from './demo-simulation.ts';
import { formatCount, measureLatency, withPeakRss } from './measure.ts';
import { QueryRecorder } from './query-recorder.ts';
import { createRandom } from './random.ts';
import { runScoringBenchmark } from './scoring.ts';
import { benchStartTime, startTimeLine } from './start-time.ts';
import { loadTable, type PhaseName, queryTable, summaryTable, type TargetReport } from './report.ts';
import { comparisonTable, estimateTable, shardWorkTable } from './scale-out.ts';
import { citusLayout, fanOutOf, type NodeWork, serverProbe } from './server-work.ts';

export type BenchmarkOptions = {
  /** A PostgreSQL server; the benchmark creates its own database there. */
  databaseUrl?: string;
  /** A Citus coordinator database with its workers registered (default: the local cluster's afterclose_citus). */
  citusUrl?: string;
  /** Shards per distributed table on Citus (default 32). */
  citusShards?: number;
  /** The benchmark database on each server (default afterclose_bench). */
  databaseName?: string;
  /** Only the per-target figures and their comparison: no import, API, start-time, page-load or CDNOW parts. */
  targetsOnly?: boolean;
  /** Wait before reading the servers' statistics (they arrive up to ten seconds late); default 11 s. */
  statsSettleMs?: number;
  accounts: number;
  ordersPerAccount: number;
  touchesPerAccount: number;
  /** Default: PGlite, and PostgreSQL too when databaseUrl is set; 'citus' is only run when named. */
  targets?: readonly BenchTarget[];
  timelineRuns?: number;
  stalledRuns?: number;
  /** Searches per kind (name, email, phone, tag, order number, two letters) in the account search benchmark. */
  searchRuns?: number;
  /** Rows of the CSV import benchmark (PostgreSQL only). */
  importRows?: number;
  /** Size of the CSV whose import memory is measured (PostgreSQL only). */
  importMemoryMb?: number;
  /**
   * Deals won at once to time the playbooks (each plans the default after-sale program); 0 skips it.
   * Their events are consumed only once every older transaction on the server has ended, so a long
   * transaction elsewhere on a shared server stalls this step until it ends.
   */
  wonDeals?: number;
  /** Accounts and orders per account of the scoring benchmark (PostgreSQL only); 0 accounts skips it. */
  scoreAccounts?: number;
  scoreOrdersPerAccount?: number;
  /** Score the scoring benchmark's database of an earlier run again instead of loading it anew. */
  scoreReuse?: boolean;
  /** Days replayed by the simulation of the benchmark business (default a year, as issue 12 asks). */
  simulationDays?: number;
  /** Timed simulations of a year of the demo business (the median is reported). */
  demoSimulationRuns?: number;
  /** Loads per page of the page-load benchmark (Chromium, demo business). */
  pageLoads?: number;
  /** Seconds per run and connections of the API-reads comparison. */
  apiSeconds?: number;
  apiConnections?: number;
  /** ../shared/data, for the CDNOW fit times. */
  cdnowDir?: string;
  seed?: number;
  log?: (line: string) => void;
};
export type { TargetReport } from './report.ts';

/** My day is measured for the person with the most planned touches: the worst case. */
async function busiestAssignee(db: Db) {
  const { rows } = await sql<{ id: string; planned: number }>`select assignee_id as id, count(*)::int as planned from touches
    where status = 'planned' and assignee_id is not null group by assignee_id order by planned desc limit 1`.execute(db);
  const top = rows[0];
  if (!top) throw new Error('The generated business has no planned touches');
  return { id: top.id, time_zone: 'UTC', planned: top.planned };
}

async function countStalled(db: Db) {
  const { rows } = await sql<{ open: number; stalled: number }>`select count(*)::int as open,
    count(*) filter (where next.due_at is null or next.due_at < now())::int as stalled
    from deals d left join lateral (select min(t.due_at) as due_at from touches t
      where t.account_id = d.account_id and t.deal_id = d.id and t.status = 'planned') next on true
    where d.status = 'open'`.execute(db);
  return rows[0] ?? { open: 0, stalled: 0 };
}

/** The shards and workers one timeline and one My day reach on Citus, from the plans of the statements they run. */
async function fanOutOfReads(db: Db, workerNodes: readonly string[], accountId: string, person: { id: string; time_zone: string }) {
  const recorder = new QueryRecorder(db);
  const recorded = db.withPlugin(recorder);
  await accountTimeline(recorded, accountId, { limit: 50 });
  const timeline = await fanOutOf(db, recorder.queries, workerNodes);
  recorder.queries = [];
  await myDay(recorded, person);
  return { timeline, myDay: await fanOutOf(db, recorder.queries, workerNodes) };
}

async function benchTarget(target: BenchTarget, options: BenchmarkOptions, log: (line: string) => void): Promise<TargetReport> {
  const opened = await openBenchTarget(target, options);
  try {
    const { result, peakRssMb } = await withPeakRss(async () => {
      const db = opened.handle.db;
      log(`\n== ${target}: ${opened.where}`);
      const probe = opened.url ? await serverProbe(opened.url, { citus: target === 'citus', settleMs: options.statsSettleMs ?? 11_000 }) : null;
      const work: Partial<Record<PhaseName, NodeWork[]>> = {};
      // On a server each compared phase runs on connections of its own, so its work per node can be read.
      const phase = async <T>(name: PhaseName, run: (phaseDb: Db) => Promise<T>): Promise<T> => {
        if (!probe) return run(db);
        const measured = await probe.measure(run);
        work[name] = measured.work;
        return measured.result;
      };
      const owners = await createBenchUsers(db);
      const load = await phase('load', (phaseDb) =>
        generateBusiness(phaseDb, {
          seed: options.seed ?? 42,
          accounts: options.accounts,
          ordersPerAccount: options.ordersPerAccount,
          touchesPerAccount: options.touchesPerAccount,
          ...owners,
          onProgress: loadProgressLogger(log),
        }),
      );
      const loadWallMs = load.totalMillis;
      log(`\n${loadTable(load, loadWallMs)}`);
      log('   (every table is written in full at this size, order lines and events included)');

      const accountIds = (await db.selectFrom('accounts').select('id').orderBy('id').execute()).map((a) => a.id);
      const rng = createRandom(options.seed ?? 42);
      const timeline = await phase('timeline', (phaseDb) => measureLatency(() => accountTimeline(phaseDb, rng.pick(accountIds), { limit: 50 }), 50, options.timelineRuns ?? 500));
      const busiest = await busiestAssignee(db);
      const myDayLatency = await phase('myDay', (phaseDb) => measureLatency(() => myDay(phaseDb, busiest), 20, options.timelineRuns ?? 500));
      log(`   My day of the busiest person (${formatCount(busiest.planned)} planned touches): p50 ${myDayLatency.p50.toFixed(2)} ms, p99 ${myDayLatency.p99.toFixed(2)} ms`);
      // The nightly run over the business just loaded, as of its last day.
      const scoring = await phase('scoring', (phaseDb) => scoreAccounts(phaseDb, { asOf: load.asOf.toISOString().slice(0, 10) }));
      log(`   Nightly scoring of ${formatCount(scoring.accountsScored)} accounts: ${(scoring.millis / 1000).toFixed(1)} s (phases, ms: ${JSON.stringify(scoring.phaseMillis)})`);
      const layout = target === 'citus' ? await citusLayout(db) : undefined;
      const workerNodes = layout?.shardsPerWorker.map((w) => w.node) ?? [];
      const citus = layout ? { layout, ...(await fanOutOfReads(db, workerNodes, accountIds[0] ?? '', busiest)) } : undefined;
      for (const line of searchLines(await benchAccountSearch(db, rng, options.searchRuns ?? 100))) log(line);
      const stalled = await measureLatency(() => listStalledDeals(db, { limit: 50 }), 3, options.stalledRuns ?? 100);
      log(latenessScanLine(await benchLatenessScan(db, options.stalledRuns ?? 100)));
      const lateList = await measureLatency(() => listLateOrders(db, { limit: 100 }), 3, options.stalledRuns ?? 100);
      log(`   Late orders list for managers: p50 ${lateList.p50.toFixed(2)} ms, p99 ${lateList.p99.toFixed(2)} ms`);
      if ((options.wonDeals ?? 2000) > 0) {
        for (const line of playbookTriggerLines(await benchPlaybookTriggers(db, options.wonDeals ?? 2000, () => {}))) log(line);
      }
      const simulation = await benchSimulation(db, options.simulationDays ?? 365);
      log(`   ${simulationLine(simulation)}`);
      const counts = await countStalled(db);
      return {
        target,
        where: opened.where,
        load,
        loadWallMs,
        timeline,
        stalled,
        myDay: myDayLatency,
        scoring: { millis: scoring.millis, accounts: scoring.accountsScored },
        ...(probe ? { work: work as Record<PhaseName, NodeWork[]> } : {}),
        ...(citus ? { citus } : {}),
        openDeals: counts.open,
        stalledDeals: counts.stalled,
      };
    });
    const report = { ...result, peakRssMb };
    log(`\n${queryTable(report)}`);
    if (report.citus) log(`\n${shardWorkTable(undefined, report)}`);
    log(`peak RSS of this process during the ${target} run: ${peakRssMb.toFixed(0)} MB${target === 'pglite' ? ' (PGlite runs inside it)' : ' (the servers have their own)'}`);
    return report;
  } finally {
    await opened.dispose();
  }
}

/**
 * Seeds a large business into fresh databases, reports load rows/s per table, then the latency of
 * what a salesperson waits for most (an account's timeline, My day, the stalled-deals list) and the
 * nightly scoring time; with PostgreSQL and Citus in one run, the two side by side (scale-out.ts).
 */
export async function runBenchmark(options: BenchmarkOptions): Promise<TargetReport[]> {
  const log = options.log ?? ((line: string) => console.log(line));
  const targets = options.targets ?? (options.databaseUrl ? ['pglite', 'postgres'] : ['pglite']);
  log(
    `Afterclose benchmark: ${formatCount(options.accounts)} accounts, ~${options.ordersPerAccount} orders and ` +
      `~${options.touchesPerAccount} touches per account, on ${targets.join(' and ')} (Node ${process.version})`,
  );
  const reports: TargetReport[] = [];
  for (const target of targets) reports.push(await benchTarget(target, options, log));
  if (!options.targetsOnly) await runWholeMachineParts(options, targets, log);
  if (reports.length > 1) {
    log(`\n${summaryTable(reports)}`);
    // Memory the WASM heap of an earlier PGlite run took is not given back to the OS.
    log('(all targets share this process: a later target\'s RSS includes what earlier ones left; BENCH_TARGETS=postgres measures it alone)');
  }
  const pg = reports.find((r) => r.target === 'postgres');
  const citus = reports.find((r) => r.target === 'citus');
  if (pg && citus) {
    log(`\n${comparisonTable(pg, citus)}`);
    log(`\n${shardWorkTable(pg, citus)}`);
    log(`\n${estimateTable(pg, citus, availableParallelism())}`);
  }
  return reports;
}

/** The parts that are not per target: import, memory, the large scoring run, API reads, start time, pages, CDNOW fits. */
async function runWholeMachineParts(options: BenchmarkOptions, targets: readonly BenchTarget[], log: (line: string) => void): Promise<void> {
  if (options.databaseUrl && targets.includes('postgres')) {
    log('\n== CSV import against raw COPY, same table, same server');
    const imported = await benchImportThroughput({ databaseUrl: options.databaseUrl, rows: options.importRows ?? 200_000, log });
    log(`   COPY ${formatCount(Math.round(imported.copyRowsPerSecond))} rows/s, import ${formatCount(Math.round(imported.importRowsPerSecond))} rows/s: ${(imported.ratio * 100).toFixed(0)}% of COPY`);
    log(`\n== Memory while importing a ${formatCount(options.importMemoryMb ?? 2048)} MB CSV`);
    await benchImportMemory({ databaseUrl: options.databaseUrl, megabytes: options.importMemoryMb ?? 2048, log });
    if ((options.scoreAccounts ?? 0) > 0) {
      log(`\n== Retention scoring of ${formatCount(options.scoreAccounts ?? 0)} accounts (RFM, latency, health, BG/NBD + Gamma-Gamma fit, CLV)`);
      await runScoringBenchmark({
        databaseUrl: options.databaseUrl,
        accounts: options.scoreAccounts ?? 0,
        ordersPerAccount: options.scoreOrdersPerAccount ?? 10,
        reuse: options.scoreReuse ?? false,
        seed: options.seed ?? 42,
        log,
      });
    }
  }
  for (const target of targets) {
    if (target === 'citus') {
      log('\n== API reads: not measured on citus (the per-target figures above compare it)');
      continue;
    }
    log(`\n== API reads on ${target}: the real server against a bare Fastify + pg server running the same SQL (demo business)`);
    await benchApiReads({ target, connections: options.apiConnections ?? 50, seconds: options.apiSeconds ?? 2, log, ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}) });
  }
  log('\n== Playbook simulation: the last twelve months of the demo business on PGlite (rolled-back sandbox)');
  for (const line of demoSimulationLines(await benchDemoSimulation(options.demoSimulationRuns ?? 3))) log(line);
  log('\n== Start time: `afterclose start` on PGlite until /api/health answers');
  log(startTimeLine(await benchStartTime()));
  await runPageLoadsFromEnv({ BENCH_PAGE_LOADS: String(options.pageLoads ?? 20) }, log);
  log('\n== CLV fits on CDNOW (weeks, calibration to 1997-09-30)');
  log(cdnowTable(benchCdnowFits(options.cdnowDir ?? resolve(process.cwd(), '../shared/data'))));
}

const benchEnv = z.object({
  DATABASE_URL: z.string().url().optional(),
  BENCH_CITUS_URL: z.string().url().default(defaultCitusUrl),
  BENCH_CITUS_SHARDS: z.coerce.number().int().positive().optional(),
  BENCH_TARGETS_ONLY: z.enum(['0', '1']).default('0'),
  // Several people benchmarking on one server each need their own database.
  BENCH_DATABASE: z.string().regex(/^[a-z_][a-z0-9_]*$/).optional(),
  BENCH_ACCOUNTS: z.coerce.number().int().positive().default(100_000),
  BENCH_ORDERS_PER_ACCOUNT: z.coerce.number().positive().default(10),
  BENCH_TOUCHES_PER_ACCOUNT: z.coerce.number().positive().default(20),
  BENCH_TARGETS: z
    .string()
    .transform((s) => s.split(',').map((t) => t.trim()))
    .pipe(z.array(z.enum(['pglite', 'postgres', 'citus'])).min(1))
    .optional(),
  BENCH_TIMELINE_RUNS: z.coerce.number().int().positive().default(500),
  BENCH_STALLED_RUNS: z.coerce.number().int().positive().default(100),
  BENCH_SEARCH_RUNS: z.coerce.number().int().positive().default(100),
  BENCH_WON_DEALS: z.coerce.number().int().min(0).default(100_000),
  BENCH_IMPORT_ROWS: z.coerce.number().int().positive().default(200_000),
  BENCH_IMPORT_MEMORY_MB: z.coerce.number().int().positive().default(2048),
  BENCH_SCORE_ACCOUNTS: z.coerce.number().int().min(0).default(1_000_000),
  BENCH_SCORE_ORDERS_PER_ACCOUNT: z.coerce.number().min(1).max(50).default(10),
  BENCH_SCORE_REUSE: z.enum(['0', '1']).default('0'),
  BENCH_SEED: z.coerce.number().int().default(42),
  BENCH_API_SECONDS: z.coerce.number().positive().default(2),
  BENCH_PAGE_LOADS: z.coerce.number().int().positive().default(20),
  BENCH_SIMULATION_DAYS: z.coerce.number().int().positive().default(365),
  BENCH_DEMO_SIMULATIONS: z.coerce.number().int().positive().default(3),
  BENCH_API_CONNECTIONS: z.coerce.number().int().positive().default(50),
});

/** `afterclose bench` and `npx tsx bench/run.ts`: sizes from BENCH_* variables, the server from DATABASE_URL. */
export async function runBenchmarkFromEnv(source: NodeJS.ProcessEnv = process.env): Promise<TargetReport[]> {
  const parsed = benchEnv.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid environment variable ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  const env = parsed.data;
  return runBenchmark({
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    ...(env.BENCH_TARGETS ? { targets: env.BENCH_TARGETS } : {}),
    citusUrl: env.BENCH_CITUS_URL,
    ...(env.BENCH_CITUS_SHARDS ? { citusShards: env.BENCH_CITUS_SHARDS } : {}),
    targetsOnly: env.BENCH_TARGETS_ONLY === '1',
    ...(env.BENCH_DATABASE ? { databaseName: env.BENCH_DATABASE } : {}),
    accounts: env.BENCH_ACCOUNTS,
    ordersPerAccount: env.BENCH_ORDERS_PER_ACCOUNT,
    touchesPerAccount: env.BENCH_TOUCHES_PER_ACCOUNT,
    timelineRuns: env.BENCH_TIMELINE_RUNS,
    stalledRuns: env.BENCH_STALLED_RUNS,
    searchRuns: env.BENCH_SEARCH_RUNS,
    wonDeals: env.BENCH_WON_DEALS,
    importRows: env.BENCH_IMPORT_ROWS,
    importMemoryMb: env.BENCH_IMPORT_MEMORY_MB,
    scoreAccounts: env.BENCH_SCORE_ACCOUNTS,
    scoreOrdersPerAccount: env.BENCH_SCORE_ORDERS_PER_ACCOUNT,
    scoreReuse: env.BENCH_SCORE_REUSE === '1',
    seed: env.BENCH_SEED,
    apiSeconds: env.BENCH_API_SECONDS,
    pageLoads: env.BENCH_PAGE_LOADS,
    simulationDays: env.BENCH_SIMULATION_DAYS,
    demoSimulationRuns: env.BENCH_DEMO_SIMULATIONS,
    apiConnections: env.BENCH_API_CONNECTIONS,
  });
}

const script = process.argv[1];
if (script && import.meta.url === pathToFileURL(resolve(script)).href) {
  runBenchmarkFromEnv().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
