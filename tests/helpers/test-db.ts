import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { createPglite, type DbHandle, openDatabase } from '../../src/platform/db.ts';
import { applyCitusSettings } from '../../src/platform/citus.ts';
import { copyClusterDatabase, dropClusterDatabase } from '../../bench/citus-nodes.ts';

export type TestDbKind = 'pglite' | 'postgres';

/** A Citus cluster is a PostgreSQL server to the app: tests that need a server run there too. */
export function testDbKind(): TestDbKind {
  return process.env.TEST_DB === 'postgres' || process.env.TEST_DB === 'citus' ? 'postgres' : 'pglite';
}

export function testOnCitus(): boolean {
  return process.env.TEST_DB === 'citus';
}

async function withAdminClient(fn: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database for one test file, copied from the migrated template: a PGlite snapshot
 * (about half a second) or `CREATE DATABASE … TEMPLATE` on the PostgreSQL server.
 */
export async function openTestDb(): Promise<DbHandle & { url?: string }> {
  if (testDbKind() === 'pglite') {
    const snapshot = new Blob([readFileSync(inject('pgliteSnapshot'))]);
    const pglite = createPglite({ loadDataDir: snapshot });
    return openDatabase({ kind: 'pglite', instance: pglite });
  }
  const template = inject('postgresTemplate');
  const name = `afterclose_test_${randomBytes(6).toString('hex')}`;
  const citusUrl = process.env.TEST_CITUS_URL;
  if (testOnCitus() && citusUrl) {
    const url = await copyClusterDatabase(citusUrl, template, name);
    const setup = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
    await applyCitusSettings(setup.db);
    await setup.close();
    const handle = await openDatabase({ kind: 'postgres', url, poolSize: 4 });
    return { ...handle, url, close: () => handle.close().then(() => dropClusterDatabase(citusUrl, name)) };
  }
  await withAdminClient(async (client) => {
    await client.query(`create database ${name} template ${template}`);
  });
  const url = new URL(process.env.TEST_DATABASE_URL ?? '');
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 4 });
  return {
    ...handle,
    url: url.toString(),
    async close() {
      await handle.close();
      await withAdminClient(async (client) => {
        await client.query(`drop database if exists ${name} with (force)`);
      });
    },
  };
}
