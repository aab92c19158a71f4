import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { buildServer } from '../src/api/server.ts';
import { prepareDatabase } from '../src/cli/prepare-database.ts';
import { utcDate, scoreAccounts } from '../src/modules/analytics/index.ts';
import { loadDemoData } from '../src/modules/demo/index.ts';
import { openDatabase } from '../src/platform/db.ts';
import { readEnv } from '../src/platform/env.ts';
import { formatMs, formatTable, percentile } from './measure.ts';

/** A page is interactive when its data is on screen: the element that shows it. */
type PageUnderTest = { name: string; path: (accountId: string) => string; ready: string };

const pages: readonly PageUnderTest[] = [
  { name: 'My day', path: () => '/my-day', ready: '[data-testid="touch-row"]' },
  { name: 'account page', path: (id) => `/accounts/${id}`, ready: '[data-testid="timeline-item"]' },
  { name: 'pipeline', path: () => '/pipeline', ready: '[data-testid="pipeline-board"] .deal-card' },
  { name: 'analytics', path: () => '/analytics', ready: '[data-testid="rfm-grid"]' },
];

export type PageLoadRow = { name: string; p50: number; p95: number; loads: number };

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function timeLoads(page: Page, url: string, ready: string, loads: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < loads + 1; i++) {
    const started = performance.now();
    await page.goto(url);
    await page.locator(ready).first().waitFor({ state: 'visible', timeout: 30_000 });
    // The first load fills the browser's cache, as a person's first visit of the day does.
    if (i > 0) samples.push(performance.now() - started);
  }
  return samples.sort((a, b) => a - b);
}

/**
 * Loads the main pages of the built web app in Chromium on the demo business (embedded database,
 * scored), signed in as the person with the fullest day, and times each load from navigation
 * until the page's data is visible.
 */
export async function benchPageLoads(options: { loads: number; log: (line: string) => void }): Promise<PageLoadRow[]> {
  if (!existsSync(chromiumPath)) throw new Error(`No Chromium at ${chromiumPath}: apt-get install -y chromium, or set CHROMIUM_PATH`);
  const dir = mkdtempSync(join(tmpdir(), 'afterclose-bench-pages-'));
  const handle = await openDatabase({ kind: 'pglite', dataDir: dir });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    await prepareDatabase(handle.db);
    const password = 'afterclose-bench-pages';
    await loadDemoData(handle.db, { seed: 42, password });
    await scoreAccounts(handle.db, { asOf: utcDate(new Date()), log: { warn: () => {} } });
    const app = await buildServer({ db: handle.db, kind: handle.kind, env: readEnv({ LOG_LEVEL: 'warn' }), ops: handle });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const account = await handle.db
      .selectFrom('touches')
      .select('account_id')
      .groupBy('account_id')
      .orderBy((eb) => eb.fn.countAll(), 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    // The person with the most work due by tomorrow: the fullest My day.
    const busiest = await handle.db
      .selectFrom('touches')
      .innerJoin('users', 'users.id', 'touches.assignee_id')
      .select('users.email')
      .where('touches.status', '=', 'planned')
      .where('touches.due_at', '<', new Date(Date.now() + 86_400_000))
      .groupBy('users.email')
      .orderBy((eb) => eb.fn.countAll(), 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('Email').fill(busiest.email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Signed in once the app leaves the login page (its own heading would answer at once).
    await page.waitForURL((url) => url.pathname !== '/login');
    const rows: PageLoadRow[] = [];
    for (const target of pages) {
      const samples = await timeLoads(page, `${baseUrl}${target.path(account.account_id)}`, target.ready, options.loads);
      rows.push({ name: target.name, p50: percentile(samples, 50), p95: percentile(samples, 95), loads: samples.length });
    }
    await app.close();
    options.log(
      formatTable(
        ['page', 'p50 ms', 'p95 ms', 'loads'],
        rows.map((r) => [r.name, formatMs(r.p50), formatMs(r.p95), String(r.loads)]),
      ),
    );
    return rows;
  } finally {
    await browser.close();
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `afterclose bench page-load`: the page-load table alone (build the web app first: npm run build:web). */
export async function runPageLoadsFromEnv(source: NodeJS.ProcessEnv = process.env, log: (line: string) => void = console.log): Promise<void> {
  const loads = Number(source.BENCH_PAGE_LOADS ?? 20);
  if (!Number.isInteger(loads) || loads < 1) throw new Error('BENCH_PAGE_LOADS must be a whole number of loads, 1 or more');
  log(`\n== Page loads in Chromium (demo business on the embedded database, ${loads} loads each after a first one, 1440 px): navigation until the page's data shows`);
  await benchPageLoads({ loads, log });
}
