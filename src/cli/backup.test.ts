import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { testPassword, testUsers } from '../../tests/helpers/test-users.ts';
import { buildServer } from '../api/server.ts';
import { backupIdleDataDir, restoreDataDir, writeBackupFile } from '../platform/backup.ts';
import { type Db, type DbHandle, openDatabase } from '../platform/db.ts';
import { readEnv } from '../platform/env.ts';
import type { App } from '../platform/http.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'afterclose-backup-'));
const liveDir = join(dir, 'live');
let handle: DbHandle;
let app: App;
let url: string;
const tokens: Record<string, string> = {};

async function tokenFor(role: 'admin' | 'sales'): Promise<string> {
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: testUsers[role].email, password: testPassword } });
  const cookie = login.cookies.find((c) => c.name === 'afterclose_session')?.value ?? '';
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/tokens',
    headers: { cookie: `afterclose_session=${cookie}`, origin: 'http://localhost:80', host: 'localhost:80' },
    payload: { name: 'backup test' },
  });
  return created.json<{ token: string }>().token;
}

const as = (role: 'admin' | 'sales') => (method: 'GET' | 'POST', path: string, body?: Record<string, unknown>) =>
  app.inject({ method, url: path, headers: { authorization: `Bearer ${tokens[role]}` }, ...(body ? { payload: body } : {}) });

/** Rows in every table of the schema, by table name. */
async function rowCounts(db: Db): Promise<Record<string, number>> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const counts: Record<string, number> = {};
  for (const { table_name } of rows) {
    const result = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table_name)}`.execute(db);
    counts[table_name] = result.rows[0]?.n ?? -1;
  }
  return counts;
}

async function countsOfDataDir(dataDir: string): Promise<Record<string, number>> {
  const restored = await openDatabase({ kind: 'pglite', dataDir });
  try {
    return await rowCounts(restored.db);
  } finally {
    await restored.close();
  }
}

const { DATABASE_URL: _server, ...embeddedEnv } = process.env;
const cli = (...args: string[]) => run(process.execPath, ['bin/afterclose.js', ...args], { env: { ...embeddedEnv, LOG_LEVEL: 'silent' } });

beforeAll(async () => {
  // The migrated template of the test run is itself a backup in this format.
  await restoreDataDir(inject('pgliteSnapshot'), liveDir);
  handle = await openDatabase({ kind: 'pglite', dataDir: liveDir });
  app = await buildServer({ db: handle.db, kind: handle.kind, env: readEnv({ LOG_LEVEL: 'silent' }), ops: handle });
  await app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  tokens.admin = await tokenFor('admin');
  tokens.sales = await tokenFor('sales');
  for (let i = 0; i < 5; i++) {
    const account = (await as('sales')('POST', '/api/v1/accounts', { name: `Backup Customer ${i}` })).json<{ id: string }>();
    await as('sales')('POST', '/api/v1/contacts', { account_id: account.id, name: `Contact ${i}`, email: `c${i}@backup.example` });
    await as('sales')('POST', '/api/v1/orders', { account_id: account.id, lines: [{ description: 'Boxes', quantity: 2, unit_price: 9.5 }] });
  }
}, 60_000);

afterAll(async () => {
  await app?.close();
  await handle?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore of the embedded database', () => {
  // Proves: a backup taken from the running app restores into a new data directory with exactly the
  // rows of every table, and the restored directory is not locked by the process it came from.
  it('backs up the running app over HTTP and restores every row into a new data directory', async () => {
    const before = await rowCounts(handle.db);
    expect(before.accounts).toBeGreaterThanOrEqual(5);
    const response = await as('admin')('POST', '/api/v1/admin/backup');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/gzip');
    const file = join(dir, 'http.tar.gz');
    await writeBackupFile(file, response.rawPayload);
    const restoredDir = join(dir, 'restored-http');
    await restoreDataDir(file, restoredDir);
    expect(existsSync(join(restoredDir, 'afterclose.lock'))).toBe(false);
    expect(await countsOfDataDir(restoredDir)).toEqual(before);
  });

  // Proves: a backup taken while writes are in flight holds whole transactions only: each account
  // comes with its creation event, and the restored count lies between the counts before and after.
  it('is consistent while writes go on', async () => {
    const before = (await rowCounts(handle.db)).accounts ?? 0;
    const writes = Array.from({ length: 10 }, (_, i) => as('sales')('POST', '/api/v1/accounts', { name: `During backup ${i}` }));
    const [response] = await Promise.all([as('admin')('POST', '/api/v1/admin/backup'), ...writes]);
    const after = (await rowCounts(handle.db)).accounts ?? 0;
    expect(after).toBe(before + 10);
    const file = join(dir, 'during.tar.gz');
    await writeBackupFile(file, response?.rawPayload ?? Buffer.alloc(0));
    const restoredDir = join(dir, 'restored-during');
    await restoreDataDir(file, restoredDir);
    const restored = await openDatabase({ kind: 'pglite', dataDir: restoredDir });
    try {
      const accounts = (await rowCounts(restored.db)).accounts ?? 0;
      expect(accounts).toBeGreaterThanOrEqual(before);
      expect(accounts).toBeLessThanOrEqual(after);
      const orphans = await sql<{ n: number }>`
        select count(*)::int as n from accounts a where not exists (select 1 from events e where e.account_id = a.id)`.execute(restored.db);
      expect(orphans.rows[0]?.n).toBe(0);
    } finally {
      await restored.close();
    }
  });

  it('lets only admins take a backup', async () => {
    expect((await as('sales')('POST', '/api/v1/admin/backup')).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/api/v1/admin/backup' })).statusCode).toBe(401);
  });

  // Proves: the CLI never opens a data directory another process holds (that loses writes); it
  // says how to back up through the running app, and doing so with --url works.
  it('refuses a data directory in use with the way out, and backs up through the app with --url', async () => {
    const file = join(dir, 'cli.tar.gz');
    const refused = await cli('backup', file, '--data', liveDir).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toContain(`is in use by process ${process.pid}`);
    expect(refused?.stderr).toContain('--url');
    expect(existsSync(file)).toBe(false);

    const before = await rowCounts(handle.db);
    const { stdout } = await cli('backup', file, '--url', url, '--token', tokens.admin ?? '');
    expect(stdout).toContain(`Backup written to ${file}`);
    const target = join(dir, 'restored-cli');
    mkdirSync(target);
    writeFileSync(join(target, 'something.txt'), 'keep me');
    const notEmpty = await cli('restore', file, '--data', target).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(notEmpty?.stderr).toContain('is not empty');
    expect(existsSync(join(target, 'something.txt'))).toBe(true);
    await cli('restore', file, '--data', target, '--force');
    expect(existsSync(join(target, 'something.txt'))).toBe(false);
    expect(await countsOfDataDir(target)).toEqual(before);
    // Four CLI processes, each compiling the sources with tsx: slow on two shared cores.
  }, 120_000);

  // Proves: with the app stopped, the CLI opens the directory itself and the dump is complete.
  it('backs up a data directory no process uses', async () => {
    const before = await rowCounts(handle.db);
    await app.close();
    await handle.close();
    const file = join(dir, 'idle.tar.gz');
    await backupIdleDataDir(liveDir, file);
    const restoredDir = join(dir, 'restored-idle');
    await restoreDataDir(file, restoredDir);
    expect(await countsOfDataDir(restoredDir)).toEqual(before);
    handle = await openDatabase({ kind: 'pglite', dataDir: liveDir });
    app = await buildServer({ db: handle.db, kind: handle.kind, env: readEnv({ LOG_LEVEL: 'silent' }) });
  });
});
