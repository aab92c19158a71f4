import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/platform/db.ts';
import { openTestDb } from '../helpers/test-db.ts';
import { testPassword, testUsers } from '../helpers/test-users.ts';

// What a failover, a server restart or an admin does: every backend of the app's database is
// terminated, while requests and jobs are using them. The app must stay up, fail only what was in
// flight, and never lose or double what it acknowledged.

const root = fileURLToPath(new URL('../../', import.meta.url));
let handle: DbHandle & { url?: string };

beforeAll(async () => {
  handle = await openTestDb();
}, 60_000);
afterAll(async () => {
  await handle.close();
});

async function terminateAppBackends(): Promise<number> {
  const admin = new pg.Client({ connectionString: handle.url });
  await admin.connect();
  try {
    const result = await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    return result.rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function waitFor(check: () => Promise<boolean>, seconds: number): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (!(await check().catch((error: unknown) => error instanceof TypeError && false))) {
    if (Date.now() > until) throw new Error(`Condition not met within ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PostgreSQL terminates the app’s connections under load', () => {
  it('the API process stays up, answers 503 only for requests in flight, and every 201 has its row', { timeout: 120_000 }, async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    let stderr = '';
    const api: ChildProcess = spawn(process.execPath, ['bin/afterclose.js', 'api'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: handle.url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    api.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    try {
      await waitFor(async () => (await fetch(`${base}/api/health`)).ok, 60);
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: testUsers.sales.email, password: testPassword }),
      });
      const cookie = login.headers.getSetCookie().find((c) => c.startsWith('afterclose_session='))?.split(';')[0] ?? '';
      const tokenResponse = await fetch(`${base}/api/v1/auth/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, origin: base },
        body: JSON.stringify({ name: 'fault test' }),
      });
      const { token } = (await tokenResponse.json()) as { token: string };

      let writing = true;
      const acknowledged: string[] = [];
      const statuses = new Map<string, number>();
      const count = (key: string) => statuses.set(key, (statuses.get(key) ?? 0) + 1);
      const clients = Array.from({ length: 20 }, async (_, client) => {
        for (let i = 0; writing; i++) {
          const response = await fetch(`${base}/api/v1/accounts`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ name: `Fault ${client}-${i}` }),
          }).catch((error: unknown) => {
            // A refused or reset socket means the process died: that is what this test must never see.
            count(`network: ${error instanceof Error ? String(error.cause ?? error.message) : String(error)}`);
            return null;
          });
          if (!response) {
            await sleep(50);
            continue;
          }
          const body = (await response.json()) as { id?: string; error?: { code: string } };
          count(response.status === 503 ? `503 ${body.error?.code}` : String(response.status));
          if (response.status === 201 && body.id) acknowledged.push(body.id);
        }
      });
      let terminated = 0;
      for (let round = 0; round < 3; round++) {
        await sleep(700);
        terminated += await terminateAppBackends();
      }
      await sleep(700);
      writing = false;
      await Promise.all(clients);

      expect(terminated).toBeGreaterThanOrEqual(3);
      expect(api.exitCode, stderr).toBeNull();
      expect((await fetch(`${base}/api/health`)).status).toBe(200);
      // Only clean 201s and clean 503s: no 500, no dropped connection.
      expect([...statuses.keys()].filter((k) => k !== '201' && k !== '503 unavailable'), JSON.stringify([...statuses])).toEqual([]);
      expect(statuses.get('201')).toBeGreaterThan(100);
      const stored = await handle.db.selectFrom('accounts').select('id').where('id', 'in', acknowledged).execute();
      expect(stored).toHaveLength(acknowledged.length);
      // After the faults the server serves normally again.
      const after = await fetch(`${base}/api/v1/accounts?limit=1`, { headers: { authorization: `Bearer ${token}` } });
      expect(after.status).toBe(200);
    } finally {
      api.kill('SIGTERM');
      if (api.exitCode === null) await new Promise((resolve) => api.once('exit', resolve));
    }
  });

});
