import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './db-schema.ts';
import { acquireDataDirLock } from './data-dir-lock.ts';

export type Db = Kysely<Database>;
export type DbKind = 'pglite' | 'postgres';

/** Connections of the pool: open, idle, and requests waiting for one (for /metrics). */
export type PoolStats = { total: number; idle: number; waiting: number };

export type DbHandle = {
  db: Db;
  kind: DbKind;
  close(): Promise<void>;
  poolStats(): PoolStats;
  /** Embedded database only: a gzipped tarball of the data directory, consistent while the app runs. */
  dumpDataDir?: () => Promise<Blob>;
  /** PostgreSQL server only: NOTIFY from other processes (one PGlite has no other processes). */
  listen?: Listen;
};

/** What the HTTP server may do with the database beyond queries (metrics, backups, LISTEN). */
export type DatabaseOps = Pick<DbHandle, 'poolStats' | 'dumpDataDir' | 'listen'>;

/** Hears NOTIFY on a channel until the returned function stops it; says when the line drops and is back. */
export type Listen = (channel: string, events: { onMessage(payload: string): void; onLost(): void; onBack(): void }) => Promise<() => Promise<void>>;

/**
 * LISTEN on a connection of its own (a pooled one would be handed to queries). A lost connection
 * is reported and retried every second; it never throws into the process.
 */
function listenOn(url: string): Listen {
  return async (channel, events) => {
    if (!/^[a-z_]+$/.test(channel)) throw new Error(`Not a channel name: ${channel}`);
    let client: pg.Client | undefined;
    let stopped = false;
    let retry: NodeJS.Timeout | undefined;
    const connect = async () => {
      const candidate = new pg.Client({ connectionString: url });
      let lost = false;
      const onLost = () => {
        if (lost || stopped) return;
        lost = true;
        if (client === candidate) client = undefined;
        events.onLost();
        candidate.end().catch(() => {});
        retry = setTimeout(() => void connect(), 1000);
        retry.unref();
      };
      candidate.on('error', onLost);
      candidate.on('end', onLost);
      candidate.on('notification', (message) => {
        if (message.payload) events.onMessage(message.payload);
      });
      try {
        await candidate.connect();
        await candidate.query(`listen ${channel}`);
      } catch {
        onLost();
        return;
      }
      if (stopped) {
        await candidate.end();
        return;
      }
      client = candidate;
      events.onBack();
    };
    await connect();
    return async () => {
      stopped = true;
      clearTimeout(retry);
      await client?.end();
      client = undefined;
    };
  };
}

/** A statement sent as is, with its values, on a pool connection of its own. */
export type PoolQuery = (text: string, values: unknown[]) => Promise<{ rows: unknown[] }>;

const poolQueries = new WeakMap<Db, PoolQuery>();

/**
 * The pool of a handle that `openDatabase` returned, for the prepared hot reads alone
 * (prepared-query.ts): Kysely's executor around their statements was a measurable share of the
 * account page's time (decision 0044). A transaction, or a handle with plugins (the benchmark's and
 * tests' query recorder), is another Kysely instance and has none: its statements go through Kysely.
 */
export const poolQueryOf = (db: Db): PoolQuery | undefined => poolQueries.get(db);

function kyselyOn(pool: pg.Pool): Db {
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  poolQueries.set(db, (text, values) => pool.query(text, values));
  return db;
}

const statsOf = (pool: pg.Pool) => (): PoolStats => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });

// Numbers come back as JS numbers: money fits a double at our scale, counts fit 2^53.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number.parseFloat(v));
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
// A calendar date stays a 'YYYY-MM-DD' string so no time zone can shift it.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

/**
 * Every PGlite of the app opens through this: once migration 0008 created pg_trgm in a data
 * directory, opening it without the extension loaded fails on the first query that touches a
 * trigram index ("could not access file pg_trgm").
 */
export function createPglite(options: Omit<PGliteOptions, 'extensions'> = {}): PGlite {
  return new PGlite({ ...options, extensions: { pg_trgm } });
}

/**
 * A new data directory starts from the empty cluster that `scripts/build-server-if-changed.mjs` saved
 * for the installed PGlite (decision 0036): copying it takes about a second, where PGlite's initdb
 * takes several. Without it (not built yet, or another PGlite version) PGlite runs initdb as before.
 */
function emptyClusterFor(dataDir: string): Blob | undefined {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return undefined;
  const pgliteEntry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const { version } = JSON.parse(readFileSync(join(dirname(pgliteEntry), '../package.json'), 'utf8')) as { version: string };
  // Two folders below the root here and in the server bundle (dist/server) alike.
  const saved = new URL(`../../dist/server/pglite-${version}-initdb.tar.gz`, import.meta.url);
  return existsSync(saved) ? new Blob([readFileSync(saved)]) : undefined;
}

export type OpenOptions =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'pglite'; instance: PGlite };

export async function openDatabase(options: OpenOptions): Promise<DbHandle> {
  if (options.kind === 'postgres') {
    // JIT compilation pays off for hour-long analytics, not for our short queries: measured on the
    // stalled-deals list it was 236 ms of a 554 ms query. Scoring jobs may turn it on per session.
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10, options: '-c jit=off' });
    // An idle connection the server closes (a restart, a failover) must not crash the process: the
    // pool drops it and opens a new one on the next query.
    pool.on('error', (error) => {
      console.warn(`PostgreSQL closed an idle connection (${error.message}); it will be replaced`);
    });
    // A connection lost while checked out (a query running, a transaction open) fails that query,
    // and node-postgres also emits 'error' on the client, where pg-pool listens only while the
    // client is idle: without this listener the event is unhandled and the whole process exits.
    // The request or job that held it gets the query's error; the pool drops the dead client.
    pool.on('connect', (client) => {
      client.on('error', (error) => {
        // While idle the pool's own listener is attached too and reports it (above).
        if (client.listenerCount('error') > 1) return;
        console.warn(`PostgreSQL closed a connection in use (${error.message}); the work on it fails and may be retried`);
      });
    });
    const db = kyselyOn(pool);
    return { db, kind: 'postgres', close: () => db.destroy(), poolStats: statsOf(pool), listen: listenOn(options.url) };
  }
  let release = () => {};
  let pglite: PGlite;
  if ('instance' in options) {
    pglite = options.instance;
  } else {
    mkdirSync(options.dataDir, { recursive: true });
    const emptyCluster = emptyClusterFor(options.dataDir);
    release = acquireDataDirLock(options.dataDir);
    pglite = createPglite({ dataDir: options.dataDir, ...(emptyCluster ? { loadDataDir: emptyCluster } : {}) });
  }
  // PGlite is one session: a pool of one connection serialises transactions correctly, and no
  // idle timeout may close it, because the adapter hands every client the same connection.
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1, idleTimeoutMillis: 0 });
  const db = kyselyOn(pool);
  return {
    db,
    kind: 'pglite',
    poolStats: statsOf(pool),
    // The pool has one connection: holding it means no transaction of the app is open while the
    // checkpoint and the dump run, so the tarball is a committed state that needs no WAL replay.
    dumpDataDir: () =>
      db.connection().execute(async (connection) => {
        await sql`checkpoint`.execute(connection);
        return pglite.dumpDataDir('gzip');
      }),
    async close() {
      await db.destroy();
      await pglite.close();
      release();
    },
  };
}

/** DATABASE_URL selects a PostgreSQL server; otherwise the embedded PGlite in the data directory. */
export function openFromEnv(env: { DATABASE_URL?: string | undefined; AFTERCLOSE_DATA: string }) {
  return env.DATABASE_URL
    ? openDatabase({ kind: 'postgres', url: env.DATABASE_URL })
    : openDatabase({ kind: 'pglite', dataDir: env.AFTERCLOSE_DATA });
}
