import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/platform/db.ts';
import { createLogger } from '../../src/platform/log.ts';
import type { JobDefinition } from '../../src/platform/jobs.ts';
import { startWorker } from '../../src/worker/main.ts';
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

  it('a worker keeps running; each job interrupted by a lost connection is retried and done exactly once', { timeout: 120_000 }, async () => {
    const { db } = handle;
    await sql`create table fault_job_effects (n int primary key)`.execute(db);
    const started = new Map<number, number>();
    const finished = new Map<number, number>();
    const failed = new Map<number, number>();
    const bump = (m: Map<number, number>, n: number) => m.set(n, (m.get(n) ?? 0) + 1);
    const slowEffect: JobDefinition = {
      name: 'test.slow_effect',
      payload: z.object({ n: z.number().int() }),
      // Idempotent like every job: a run whose commit succeeded but whose answer was lost runs again.
      async run(ctx, payload) {
        const n = Number(payload.n);
        bump(started, n);
        try {
          await ctx.db.transaction().execute(async (trx) => {
            await sql`select pg_sleep(0.02)`.execute(trx);
            await sql`insert into fault_job_effects (n) values (${n}) on conflict do nothing`.execute(trx);
          });
        } catch (error) {
          bump(failed, n);
          throw error;
        }
        bump(finished, n);
      },
    };
    const jobs = 150;
    await db
      .insertInto('jobs')
      .values(Array.from({ length: jobs }, (_, n) => ({ name: slowEffect.name, payload: JSON.stringify({ n }), run_at: new Date() })))
      .execute();
    const worker = startWorker({ db, links: { publicUrl: 'http://app.test', secret: 'test' } }, createLogger('silent'), {
      registry: [slowEffect],
      idleMs: 50,
    });
    try {
      // At least three faults, and more until one lands inside a job: on a loaded machine a fault can
      // fall between jobs (or before the worker's first one) and interrupt nothing.
      for (let round = 0; round < 3 || (round < 30 && failed.size === 0); round++) {
        await sleep(300);
        await terminateAppBackends();
      }
      await waitFor(async () => {
        const open = await db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).where('name', '=', slowEffect.name).where('status', '!=', 'done').executeTakeFirstOrThrow();
        return open.n === 0;
      }, 30);
    } finally {
      await worker.stop();
    }
    const interrupted = [...started].filter(([n, runs]) => runs > (finished.get(n) ?? 0));
    expect(interrupted.length).toBeGreaterThan(0);
    const effects = await sql<{ n: number }>`select n from fault_job_effects order by n`.execute(db);
    expect(effects.rows.map((r) => r.n)).toEqual(Array.from({ length: jobs }, (_, n) => n));
    // No job's work completed twice: a job is never queued again once its run returned.
    expect([...finished.values()].every((runs) => runs === 1)).toBe(true);
    expect(finished.size).toBe(jobs);
  });
});
