import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildServer } from '../src/api/server.ts';
import { prepareDatabase } from '../src/cli/prepare-database.ts';
import { loadDemoData } from '../src/modules/demo/index.ts';
import { createPglite, type Db, type DbHandle, openDatabase } from '../src/platform/db.ts';
import { readEnv } from '../src/platform/env.ts';
import type { App } from '../src/platform/http.ts';
import type { BenchTarget } from './bench-target.ts';
import { measureThroughput, summarise, type Throughput } from './load-generator.ts';
import { formatCount, formatMs, formatTable } from './measure.ts';
import { QueryRecorder } from './query-recorder.ts';

/** The hot reads of the issue, as the web app and API clients make them. `as` is whose list it is. */
type Endpoint = { name: string; path: (ids: FixtureIds) => string; as: 'manager' | 'busiest' };
type FixtureIds = { accountId: string };

const endpoints: readonly Endpoint[] = [
  { name: 'accounts list', path: () => '/api/v1/accounts?limit=50', as: 'manager' },
  { name: 'account page', path: (ids) => `/api/v1/accounts/${ids.accountId}`, as: 'manager' },
  { name: 'timeline', path: (ids) => `/api/v1/accounts/${ids.accountId}/timeline?limit=50`, as: 'manager' },
  { name: 'My day', path: () => '/api/v1/me/day', as: 'busiest' },
  { name: 'attention', path: () => '/api/v1/attention?limit=50', as: 'manager' },
  { name: 'stalled deals', path: () => '/api/v1/deals/stalled?limit=50', as: 'manager' },
  { name: 'issues list', path: () => '/api/v1/issues?limit=50', as: 'manager' },
];

const barePath = (endpoint: Endpoint) => `/bare/${endpoint.name.toLowerCase().replaceAll(' ', '-')}`;

export type ApiReadsOptions = {
  target: BenchTarget;
  databaseUrl?: string;
  connections: number;
  /** Measured seconds per run; each read is run once per server to warm up, then three times each in rotating order. */
  seconds: number;
  /** Names of the reads to run (`endpoints` above); absent, all of them. */
  only?: readonly string[];
  log: (line: string) => void;
};

/** `busyMs`: how long the server's thread was busy per request, which a loaded machine distorts less than req/s. */
type Measured = Throughput & { busyMs: number };
export type ApiReadRow = { name: string; bearer: Measured; session: Measured; bare: Measured };

/** A run, with the event-loop time the servers' thread spent on it (the load generator has its own thread). */
async function measure(job: Parameters<typeof measureThroughput>[0]): Promise<Measured & { busyTotalMs: number }> {
  const before = performance.eventLoopUtilization();
  const result = await measureThroughput(job);
  const busyTotalMs = performance.eventLoopUtilization(before).active;
  return { ...result, busyTotalMs, busyMs: busyTotalMs / Math.max(1, result.requests) };
}

type Opened = { handle: DbHandle; bare: pg.Pool; where: string; dispose(): Promise<void> };

async function openTarget(target: BenchTarget, databaseUrl: string | undefined): Promise<Opened> {
  if (target === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'afterclose-bench-api-'));
    const pglite = createPglite({ dataDir: dir });
    const handle = await openDatabase({ kind: 'pglite', instance: pglite });
    // The same single session the app uses: PGlite has one, and the two servers never run at once.
    const bare = new pg.Pool({ ...createPgConfig(pglite), max: 1, idleTimeoutMillis: 0 });
    return {
      handle,
      bare,
      where: `PGlite in ${dir}`,
      async dispose() {
        await bare.end();
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!databaseUrl) throw new Error('The postgres target needs DATABASE_URL');
  const name = 'afterclose_bench_api';
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  // Both servers get the app's default pool: ten connections, JIT off.
  const handle = await openDatabase({ kind: 'postgres', url: url.toString() });
  const bare = new pg.Pool({ connectionString: url.toString(), max: 10, options: '-c jit=off' });
  return {
    handle,
    bare,
    where: `PostgreSQL database ${name} on ${url.host}`,
    async dispose() {
      await bare.end();
      await handle.close();
    },
  };
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

type Credentials = { bearer: Record<string, string>; session: Record<string, string> };

/** Signs a user in through the API: a session cookie and a bearer token, as a browser and a client hold them. */
async function credentialsFor(app: App, email: string, password: string): Promise<Credentials> {
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  const cookie = login.cookies.find((c) => c.name === 'afterclose_session')?.value;
  if (!cookie) throw new Error(`Could not sign in as ${email}: ${login.body}`);
  const session = { cookie: `afterclose_session=${cookie}` };
  const token = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/tokens',
    headers: { ...session, origin: 'http://localhost:80', host: 'localhost:80' },
    payload: { name: 'api reads benchmark' },
  });
  return { session, bearer: { authorization: `Bearer ${token.json<{ token: string }>().token}` } };
}

async function fixture(db: Db) {
  const account = await db
    .selectFrom('touches')
    .select('account_id')
    .groupBy('account_id')
    .orderBy((eb) => eb.fn.countAll(), 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const busiest = await db
    .selectFrom('touches')
    .innerJoin('users', 'users.id', 'touches.assignee_id')
    .select('users.email')
    .where('touches.status', '=', 'planned')
    .groupBy('users.email')
    .orderBy((eb) => eb.fn.countAll(), 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  return { ids: { accountId: account.account_id }, busiestEmail: busiest.email };
}

function merge(runs: (Throughput & { busyTotalMs: number })[]): Measured {
  const latencies = runs.flatMap((r) => r.latenciesMs).sort((a, b) => a - b);
  const requests = runs.reduce((sum, r) => sum + r.requests, 0);
  const seconds = runs.reduce((sum, r) => sum + r.seconds, 0);
  const busy = runs.reduce((sum, r) => sum + r.busyTotalMs, 0);
  return { ...summarise({ requests, seconds, errors: runs.reduce((sum, r) => sum + r.errors, 0), latenciesMs: latencies }), busyMs: busy / Math.max(1, requests) };
}

/** The measured rounds of each read: every server first, second and third once (a Latin square). */
const rounds: readonly (readonly ('bearer' | 'session' | 'bare')[])[] = [
  ['bearer', 'session', 'bare'],
  ['session', 'bare', 'bearer'],
  ['bare', 'bearer', 'session'],
];

/**
 * The API's hot reads through the real server (bearer token and session cookie) next to a bare
 * Fastify + pg server that runs the same SQL with no authentication, validation or logging, on the
 * demo business, alternating between them so both see the same machine.
 */
export async function benchApiReads(options: ApiReadsOptions): Promise<ApiReadRow[]> {
  const opened = await openTarget(options.target, options.databaseUrl);
  const apps: FastifyInstance[] = [];
  try {
    const { db } = opened.handle;
    await prepareDatabase(db);
    const password = 'afterclose-bench-api';
    await loadDemoData(db, { seed: 42, password });
    const env = readEnv({ LOG_LEVEL: 'info' });
    const ctx = { kind: opened.handle.kind, env, ops: opened.handle };
    const { ids, busiestEmail } = await fixture(db);

    const recorder = new QueryRecorder(db);
    const recording = await buildServer({ ...ctx, db: db.withPlugin(recorder) });
    const real = await buildServer({ ...ctx, db }, { logger: { level: env.LOG_LEVEL } });
    apps.push(recording, real);
    const who = {
      manager: await credentialsFor(real, 'manager@example.com', password),
      busiest: await credentialsFor(real, busiestEmail, password),
    };

    const bare = Fastify({ logger: false });
    apps.push(bare);
    for (const endpoint of endpoints) {
      recorder.queries = [];
      const answer = await recording.inject({ method: 'GET', url: endpoint.path(ids), headers: who[endpoint.as].bearer });
      if (answer.statusCode !== 200) throw new Error(`${endpoint.name}: ${answer.statusCode} ${answer.body}`);
      // Authentication's own statements are left out: the bare server has none.
      const queries = recorder.queries.filter((q) => !/\b(sessions|api_tokens)\b/.test(q.sql));
      bare.get(barePath(endpoint), async () => {
        const results: unknown[][] = [];
        for (const query of queries) results.push((await opened.bare.query(query.sql, [...query.parameters])).rows);
        return results;
      });
    }
    const realUrl = await listen(real);
    const bareUrl = await listen(bare);

    const rows: ApiReadRow[] = [];
    for (const endpoint of endpoints.filter((e) => !options.only || options.only.includes(e.name))) {
      const job = { connections: options.connections, warmUpMs: 300, durationMs: options.seconds * 1000 };
      type Run = Awaited<ReturnType<typeof measure>>;
      const runs = { bearer: [] as Run[], session: [] as Run[], bare: [] as Run[] };
      const url = `${realUrl}${endpoint.path(ids)}`;
      const jobs = {
        bearer: { ...job, url, headers: who[endpoint.as].bearer },
        session: { ...job, url, headers: who[endpoint.as].session },
        bare: { ...job, url: `${bareUrl}${barePath(endpoint)}`, headers: {} },
      };
      // Each server's first run of a read is discarded (its code paths still cold, the machine still
      // busy with what came before), then three rounds in which each server runs first, second and
      // third once; the figures are its three runs merged.
      for (const server of ['bearer', 'session', 'bare'] as const) await measure({ ...jobs[server], durationMs: job.durationMs / 2 });
      for (const [round, order] of rounds.entries()) {
        for (const server of order) runs[server].push(await measure(jobs[server]));
        const ratio = (server: 'bearer' | 'session') => (runs[server][round]?.requestsPerSecond ?? 0) / Math.max(1, runs.bare[round]?.requestsPerSecond ?? 0);
        options.log(`   ${endpoint.name}, round ${round + 1} (${order.join(', ')}): ${ratio('bearer').toFixed(2)}× bearer, ${ratio('session').toFixed(2)}× session`);
      }
      const row = { name: endpoint.name, bearer: merge(runs.bearer), session: merge(runs.session), bare: merge(runs.bare) };
      options.log(`   ${endpoint.name}: ${row.bearer.requestsPerSecond.toFixed(0)} req/s (bearer), ${row.bare.requestsPerSecond.toFixed(0)} req/s (bare)`);
      rows.push(row);
    }
    options.log(`\n${apiReadsTable(options.target, rows, options.connections)}`);
    return rows;
  } finally {
    for (const app of apps) await app.close();
    await opened.dispose();
  }
}

export function apiReadsTable(target: BenchTarget, rows: readonly ApiReadRow[], connections: number): string {
  const cell = (t: Throughput) => `${formatCount(Math.round(t.requestsPerSecond))} (${formatMs(t.p50)}/${formatMs(t.p99)})`;
  const ratio = (t: Throughput, bare: Throughput) => `${(t.requestsPerSecond / bare.requestsPerSecond).toFixed(2)}×`;
  const busy = (r: ApiReadRow) => `${r.bearer.busyMs.toFixed(2)} / ${r.session.busyMs.toFixed(2)} / ${r.bare.busyMs.toFixed(2)}`;
  return [
    `API reads on ${target}, ${connections} connections: req/s (p50/p99 ms)`,
    formatTable(
      ['read', 'bearer', 'session', 'bare server, same SQL', 'bearer/bare', 'session/bare', 'server busy ms/req (bearer/session/bare)', 'errors'],
      rows.map((r) => [r.name, cell(r.bearer), cell(r.session), cell(r.bare), ratio(r.bearer, r.bare), ratio(r.session, r.bare), busy(r), String(r.bearer.errors + r.session.errors + r.bare.errors)]),
    ),
  ].join('\n');
}

/** `afterclose bench api-reads`: the API-reads table alone, on PGlite and (with DATABASE_URL) PostgreSQL. */
export async function runApiReadsFromEnv(source: NodeJS.ProcessEnv = process.env, log: (line: string) => void = console.log): Promise<void> {
  const seconds = Number(source.BENCH_API_SECONDS ?? 2);
  const connections = Number(source.BENCH_API_CONNECTIONS ?? 50);
  if (!(seconds > 0) || !(connections >= 1)) throw new Error('BENCH_API_SECONDS and BENCH_API_CONNECTIONS must be positive numbers');
  // A comma-separated subset, e.g. BENCH_API_READS="accounts list,timeline", to measure one change quickly.
  const only = source.BENCH_API_READS?.split(',').map((name) => name.trim());
  const unknown = only?.filter((name) => !endpoints.some((e) => e.name === name)) ?? [];
  if (unknown.length) throw new Error(`BENCH_API_READS: unknown read "${unknown.join('", "')}" (${endpoints.map((e) => e.name).join(', ')})`);
  const targets = (source.BENCH_TARGETS ?? (source.DATABASE_URL ? 'pglite,postgres' : 'pglite')).split(',').map((t) => t.trim());
  for (const target of targets) {
    if (target !== 'pglite' && target !== 'postgres') throw new Error(`BENCH_TARGETS: unknown target "${target}" (pglite or postgres)`);
    log(`\n== API reads on ${target}: the real server against a bare Fastify + pg server running the same SQL (demo business)`);
    await benchApiReads({ target, connections, seconds, log, ...(only ? { only } : {}), ...(source.DATABASE_URL ? { databaseUrl: source.DATABASE_URL } : {}) });
  }
}
