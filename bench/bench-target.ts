import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type DbHandle, openDatabase } from '../src/platform/db.ts';
import { prepareDatabase } from '../src/cli/prepare-database.ts';
import { clusterNodes, createClusterDatabase } from './citus-nodes.ts';

export type BenchTarget = 'pglite' | 'postgres' | 'citus';
export const benchDatabaseName = 'afterclose_bench';
/** The database `../shared/tools/citus-cluster up` creates, with the workers registered. */
export const defaultCitusUrl = 'postgres://postgres@127.0.0.1:5433/afterclose_citus';

/** url: the benchmark database on a server target, for connections of its own. */
export type OpenTarget = { handle: DbHandle; where: string; url?: string; dispose(): Promise<void> };

export type TargetServers = {
  databaseUrl?: string | undefined;
  /** A coordinator database whose workers are registered; the benchmark database is created next to it on every node. */
  citusUrl?: string | undefined;
  /** Default afterclose_bench; a test uses its own, so it never drops what `npm run bench` loaded. */
  databaseName?: string | undefined;
  /** Shards per distributed table (Citus's default: 32). */
  citusShards?: number | undefined;
};

/** A fresh PGlite in a temporary directory, deleted when disposed. */
async function openPglite(): Promise<OpenTarget> {
  const dir = mkdtempSync(join(tmpdir(), 'afterclose-bench-'));
  const handle = await openDatabase({ kind: 'pglite', dataDir: dir });
  return {
    handle,
    where: `PGlite in ${dir} (removed afterwards)`,
    async dispose() {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh `afterclose_bench` database on the server: dropped and recreated on every run, and kept
 * afterwards so the data can be inspected. It never touches the database the URL names.
 */
async function openServer(databaseUrl: string, name: string): Promise<OpenTarget> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 2 });
  return {
    handle,
    url: url.toString(),
    where: `PostgreSQL database ${name} on ${url.host} (kept until the next run)`,
    dispose: () => handle.close(),
  };
}

/**
 * The same fresh database on the coordinator and every worker of the cluster the URL's database
 * knows, with the extension and the workers registered; the migrations then distribute it.
 */
async function openCitus(citusUrl: string, name: string): Promise<OpenTarget> {
  await createClusterDatabase(citusUrl, name);
  const { workers } = await clusterNodes(citusUrl);
  const url = new URL(citusUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 2 });
  return {
    handle,
    url: url.toString(),
    where: `Citus database ${name}: coordinator ${url.host}, workers ${workers.map((w) => `${w.host}:${w.port}`).join(', ')} (kept until the next run)`,
    dispose: () => handle.close(),
  };
}

/** Opens a fresh database of the given kind and applies the migrations (and on Citus the distribution). */
export async function openBenchTarget(target: BenchTarget, servers: TargetServers): Promise<OpenTarget> {
  if (target === 'postgres' && !servers.databaseUrl) throw new Error('The postgres target needs DATABASE_URL');
  const name = servers.databaseName ?? benchDatabaseName;
  const opened =
    target === 'pglite'
      ? await openPglite()
      : target === 'citus'
        ? await openCitus(servers.citusUrl ?? defaultCitusUrl, name)
        : await openServer(servers.databaseUrl ?? '', name);
  try {
    await prepareDatabase(opened.handle.db, servers.citusShards ? { citusShardCount: servers.citusShards } : {});
  } catch (error) {
    await opened.dispose();
    throw error;
  }
  return opened;
}
