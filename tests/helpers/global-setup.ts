import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createPglite, openDatabase } from '../../src/platform/db.ts';
import type { Db } from '../../src/platform/db.ts';
import { prepareDatabase } from '../../src/cli/prepare-database.ts';
import { createUser } from '../../src/modules/users/index.ts';
import { testPassword, testUsers } from './test-users.ts';
import { createClusterDatabase, dropClusterDatabase, freezeClusterTemplate } from '../../bench/citus-nodes.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshot: string;
    postgresTemplate: string;
  }
}

async function prepare(db: Db, options: { citusShardCount?: number } = {}): Promise<void> {
  await prepareDatabase(db, options);
  for (const user of Object.values(testUsers)) {
    await createUser(db, { ...user, password: testPassword, time_zone: 'UTC' }, null);
  }
}

/** Migrates one template database per run; every test file then starts from a copy of it. */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'afterclose-test-'));
  const pglite = createPglite();
  const handle = await openDatabase({ kind: 'pglite', instance: pglite });
  await prepare(handle.db);
  const snapshot = join(dir, 'template.tar.gz');
  const blob = await pglite.dumpDataDir('gzip');
  writeFileSync(snapshot, Buffer.from(await blob.arrayBuffer()));
  await handle.close();
  project.provide('pgliteSnapshot', snapshot);

  const serverUrl = process.env.TEST_DATABASE_URL;
  let template = '';
  if (project.name === 'postgres' && serverUrl) {
    template = `afterclose_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${template}`);
    await admin.query(`create database ${template}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${template}`;
    const server = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 2 });
    await prepare(server.db);
    await server.close();
  }
  const citusUrl = process.env.TEST_CITUS_URL;
  if (project.name === 'citus' && citusUrl) {
    template = `afterclose_template_${process.pid}`;
    await createClusterDatabase(citusUrl, template);
    const url = new URL(citusUrl);
    url.pathname = `/${template}`;
    const server = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 2 });
    // Four shards a table: two a worker, so a query that fans out still crosses nodes (production uses Citus's 32).
    await prepare(server.db, { citusShardCount: 4 });
    await server.close();
    await freezeClusterTemplate(citusUrl, template);
  }
  project.provide('postgresTemplate', template);

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (template && project.name === 'citus' && citusUrl) {
      await dropClusterDatabase(citusUrl, template);
      return;
    }
    if (template && serverUrl) {
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`drop database if exists ${template} with (force)`);
      await admin.end();
    }
  };
}
