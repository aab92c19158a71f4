import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { benchCdnowFits, cdnowTable } from '../../bench/cdnow-fits.ts';
import { runScoringBenchmark } from '../../bench/scoring.ts';

// The benchmark code itself, at a size that takes seconds: `npm run bench` runs it at a million
// accounts, where a broken step would only show after half an hour of loading.
const databaseUrl = process.env.TEST_DATABASE_URL ?? '';
const dataDir = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
const dataExists = existsSync(dataDir);
if (!dataExists) console.warn(`Skipping the CDNOW fit benchmark test: ${dataDir} is absent (not in the repository).`);

describe('the scoring benchmark', () => {
  afterAll(async () => {
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query('drop database if exists afterclose_test_bench_scoring with (force)');
    await admin.end();
  });

  it('loads a business, scores it, and scores the same database again when asked to reuse it', async () => {
    const lines: string[] = [];
    // A database of its own, so that the test never drops what `npm run bench` loaded.
    const options = { databaseUrl, databaseName: 'afterclose_test_bench_scoring', accounts: 400, ordersPerAccount: 8, log: (line: string) => lines.push(line) };
    const fresh = await runScoringBenchmark(options);
    expect(fresh.orders).toBeGreaterThan(2000);
    expect(fresh.scoring.accountsScored).toBeGreaterThan(250);
    expect(fresh.loadMs).toBeGreaterThan(0);
    const again = await runScoringBenchmark({ ...options, reuse: true });
    expect(again).toMatchObject({ loadMs: 0, orders: fresh.orders, scoring: { accountsScored: fresh.scoring.accountsScored } });
    expect(lines).toContainEqual(expect.stringMatching(/^reusing afterclose_test_bench_scoring: 400 accounts/));
  }, 120_000);
});

describe.skipIf(!dataExists)('the CDNOW fit benchmark', () => {
  it('fits the sample and the sample ten times over to the same parameters', () => {
    const fits = benchCdnowFits(dataDir);
    if ('skipped' in fits) throw new Error(fits.skipped);
    expect(fits.tenfold.customers).toBe(23_570);
    expect(fits.tenfold.bgnbd.r).toBeCloseTo(fits.sample.bgnbd.r, 5);
    expect(fits.tenfold.paretonbd.s).toBeCloseTo(fits.sample.paretonbd.s, 4);
    expect(fits.tenfold.gammagamma.p).toBeCloseTo(fits.sample.gammagamma.p, 5);
    expect(cdnowTable(fits)).toMatch(/BG\/NBD .* 400 ms .* r, α, a, b = 0\.242595, 4\.41360/);
  });
});
