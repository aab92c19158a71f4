import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type DbHandle, openDatabase } from '../src/platform/db.ts';
import { prepareDatabase } from '../src/cli/prepare-database.ts';

export type BenchTarget = 'pglite' | 'postgres';
export const benchDatabaseName = 'afterclose_bench';

export type OpenTarget = { handle: DbHandle; where: string; dispose(): Promise<void> };

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
async function openServer(databaseUrl: string): Promise<OpenTarget> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${benchDatabaseName} with (force)`);
    await admin.query(`create database ${benchDatabaseName}`);
  } finally {
    await admin.end();
  }
  const url = new URL(databaseUrl);
  url.pathname = `/${benchDatabaseName}`;
  const handle = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 2 });
  return {
    handle,
    where: `PostgreSQL database ${benchDatabaseName} on ${url.host} (kept until the next run)`,
    dispose: () => handle.close(),
  };
}

/** Opens a fresh database of the given kind and applies the migrations. */
export async function openBenchTarget(target: BenchTarget, databaseUrl: string | undefined): Promise<OpenTarget> {
  if (target === 'postgres' && !databaseUrl) throw new Error('The postgres target needs DATABASE_URL');
  const opened = target === 'pglite' ? await openPglite() : await openServer(databaseUrl ?? '');
  try {
    await prepareDatabase(opened.handle.db);
  } catch (error) {
    await opened.dispose();
    throw error;
  }
  return opened;
}
