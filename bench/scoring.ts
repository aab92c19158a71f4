// Benchmark of retention scoring (RFM, latency, health, BG/NBD + Gamma-Gamma fit, CLV) on a
// PostgreSQL server, and of the three CLV fits on CDNOW. Run on its own:
//   DATABASE_URL=postgres://… BENCH_SCORE_ACCOUNTS=100000 npx tsx bench/scoring.ts

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { z } from 'zod';
import { fitClvModels } from '../src/modules/analytics/clv/fit-report.ts';
import { summarizeCalibration, type Transaction } from '../src/modules/analytics/clv/summary.ts';
import { type ScoringRunResult, scoreAccounts } from '../src/modules/analytics/score-accounts.ts';
import { type DbHandle, openDatabase } from '../src/platform/db.ts';
import { migrate } from '../src/platform/migrate.ts';
import { generateBusiness } from './generate.ts';
import { formatCount, withPeakRss } from './measure.ts';

export type ScoringBenchmarkOptions = {
  /** A PostgreSQL server; the benchmark works in its own database there, afterclose_bench_scoring. */
  databaseUrl: string;
  accounts: number;
  ordersPerAccount: number;
  seed?: number;
  /** ../shared/data with the CDNOW sample; the CDNOW fits are skipped, with a note, without it. */
  cdnowDir?: string;
  log?: (line: string) => void;
};

export type CdnowFitTimes = { customers: number; bgnbd_ms: number; paretonbd_ms: number; gammagamma_ms: number };

export type ScoringBenchmarkResult = {
  accounts: number;
  orders: number;
  loadMs: number;
  scoring: ScoringRunResult;
  peakRssMb: number;
  /** The 1/10 sample (2,357 customers) and the sample ten times over (23,570, the size of the full cohort). */
  cdnow: { sample: CdnowFitTimes; tenfold: CdnowFitTimes } | { skipped: string };
};

const databaseName = 'afterclose_bench_scoring';

async function openFreshDatabase(databaseUrl: string): Promise<DbHandle> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${databaseName} with (force)`);
    await admin.query(`create database ${databaseName}`);
  } finally {
    await admin.end();
  }
  const url = new URL(databaseUrl);
  url.pathname = `/${databaseName}`;
  const handle = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 2 });
  await migrate(handle.db);
  return handle;
}

function cdnowTransactions(dir: string): Transaction[] {
  return readFileSync(resolve(dir, 'CDNOW_sample.txt'), 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [, id = '', d = '', , dollars = ''] = line.trim().split(/\s+/);
      return { customerId: id, date: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`, amount: Number(dollars) };
    });
}

function timeCdnowFits(transactions: Transaction[]): CdnowFitTimes {
  const report = fitClvModels(summarizeCalibration({ transactions, calibrationEnd: '1997-09-30', unit: 'week' }));
  return { customers: report.customers, bgnbd_ms: report.bgnbd.fit_ms, paretonbd_ms: report.paretonbd.fit_ms, gammagamma_ms: report.gammagamma.fit_ms };
}

function benchCdnow(dir: string | undefined): ScoringBenchmarkResult['cdnow'] {
  if (!dir || !existsSync(resolve(dir, 'CDNOW_sample.txt'))) return { skipped: 'no CDNOW_sample.txt (../shared/data is not in the repository)' };
  const sample = cdnowTransactions(dir);
  // Ten copies of every customer: the same maximum-likelihood estimates, fitted on 23,570 customers.
  const tenfold = Array.from({ length: 10 }, (_, copy) => sample.map((t) => ({ ...t, customerId: `${copy}-${t.customerId}` }))).flat();
  return { sample: timeCdnowFits(sample), tenfold: timeCdnowFits(tenfold) };
}

/** Loads a generated business into a fresh database, scores every account, and times the CDNOW fits. */
export async function runScoringBenchmark(options: ScoringBenchmarkOptions): Promise<ScoringBenchmarkResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const handle = await openFreshDatabase(options.databaseUrl);
  try {
    const { db } = handle;
    const users = await db
      .insertInto('users')
      .values([
        { email: 'sales@bench.example', name: 'Bench sales', role: 'sales', password_hash: '!' },
        { email: 'service@bench.example', name: 'Bench service', role: 'service', password_hash: '!' },
      ])
      .returning(['id', 'role'])
      .execute();
    const idsOf = (role: string) => users.filter((u) => u.role === role).map((u) => u.id);
    log(`loading ${formatCount(options.accounts)} accounts with about ${options.ordersPerAccount} orders each…`);
    const load = await generateBusiness(db, {
      seed: options.seed ?? 42,
      accounts: options.accounts,
      ordersPerAccount: options.ordersPerAccount,
      salesUserIds: idsOf('sales'),
      serviceUserIds: idsOf('service'),
    });
    const orders = load.rows.orders;
    log(`loaded ${formatCount(orders)} orders in ${(load.totalMillis / 1000).toFixed(1)} s; scoring…`);
    const asOf = load.asOf.toISOString().slice(0, 10);
    const { result: scoring, peakRssMb } = await withPeakRss(() => scoreAccounts(db, { asOf, chunkSize: 5000 }));
    log(`scored ${formatCount(scoring.accountsScored)} accounts in ${(scoring.millis / 1000).toFixed(1)} s, peak RSS ${peakRssMb.toFixed(0)} MB`);
    log(`phases (ms): ${JSON.stringify(scoring.phaseMillis)}; CLV: ${scoring.clv}`);
    const cdnow = benchCdnow(options.cdnowDir);
    log(`CDNOW fits: ${JSON.stringify(cdnow)}`);
    return { accounts: options.accounts, orders, loadMs: load.totalMillis, scoring, peakRssMb, cdnow };
  } finally {
    await handle.close();
  }
}

const envSchema = z.object({
  DATABASE_URL: z.string().url(),
  BENCH_SCORE_ACCOUNTS: z.coerce.number().int().min(100).default(1_000_000),
  BENCH_SCORE_ORDERS_PER_ACCOUNT: z.coerce.number().min(1).max(50).default(10),
});

/** Reads DATABASE_URL, BENCH_SCORE_ACCOUNTS (default 1,000,000) and BENCH_SCORE_ORDERS_PER_ACCOUNT (default 10). */
export function runScoringBenchmarkFromEnv(): Promise<ScoringBenchmarkResult> {
  const env = envSchema.parse(process.env);
  return runScoringBenchmark({
    databaseUrl: env.DATABASE_URL,
    accounts: env.BENCH_SCORE_ACCOUNTS,
    ordersPerAccount: env.BENCH_SCORE_ORDERS_PER_ACCOUNT,
    cdnowDir: resolve(process.cwd(), '../shared/data'),
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await runScoringBenchmarkFromEnv();
}
