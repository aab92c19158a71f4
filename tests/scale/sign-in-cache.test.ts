import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server.ts';
import { authCacheLifetimeMs } from '../../src/modules/users/index.ts';
import type { DbHandle } from '../../src/platform/db.ts';
import { readEnv } from '../../src/platform/env.ts';
import type { App } from '../../src/platform/http.ts';
import { openTestDb } from '../helpers/test-db.ts';
import { testPassword, testUsers } from '../helpers/test-users.ts';

// Two API processes on one PostgreSQL: each caches sign-ins for a few seconds, so a token revoked
// through one must be refused by the other within the documented lifetime (NOTIFY makes it sooner).
const root = fileURLToPath(new URL('../../', import.meta.url));
let handle: DbHandle & { url?: string };
let here: App;
let other: ChildProcess;
let otherUrl: string;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`Condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}

beforeAll(async () => {
  handle = await openTestDb();
  here = await buildServer({ db: handle.db, kind: handle.kind, env: readEnv({ LOG_LEVEL: 'silent' }), ops: handle });
  const port = await freePort();
  otherUrl = `http://127.0.0.1:${port}`;
  other = spawn(process.execPath, ['bin/afterclose.js', 'api'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: handle.url ?? '', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent' },
    stdio: 'ignore',
  });
  await waitFor(async () => (await fetch(`${otherUrl}/api/health`).catch(() => null))?.ok ?? false, 30_000);
}, 60_000);
afterAll(async () => {
  other?.kill('SIGTERM');
  await here.close();
  await handle.close();
});

async function signedIn(role: 'sales' | 'admin') {
  const login = await here.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: testUsers[role].email, password: testPassword } });
  const cookie = `afterclose_session=${login.cookies.find((c) => c.name === 'afterclose_session')?.value}`;
  const created = await here.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: { cookie, origin: 'http://localhost:80', host: 'localhost:80' }, payload: { name: 'cache test' } });
  return { cookie, token: created.json<{ id: string; token: string }>() };
}

const statusThere = async (headers: Record<string, string>) => (await fetch(`${otherUrl}/api/v1/auth/me`, { headers })).status;

describe('sign-ins cached in several API processes', () => {
  it('a token revoked through one process is refused by another within the cache lifetime', async () => {
    const { cookie, token } = await signedIn('sales');
    const bearer = { authorization: `Bearer ${token.token}` };
    expect(await statusThere(bearer)).toBe(200); // now cached over there
    const revoked = await here.inject({ method: 'DELETE', url: `/api/v1/auth/tokens/${token.id}`, headers: { cookie, origin: 'http://localhost:80', host: 'localhost:80' } });
    expect(revoked.statusCode).toBe(204);
    const ms = await waitFor(async () => (await statusThere(bearer)) === 401, authCacheLifetimeMs);
    console.log(`revoked token refused by the other process after ${ms} ms (cache lifetime ${authCacheLifetimeMs} ms)`);
  });

  it('a deactivated user is signed out of another process within the cache lifetime', async () => {
    const { cookie } = await signedIn('sales');
    expect(await statusThere({ cookie })).toBe(200);
    const admin = await signedIn('admin');
    const adminHeaders = { authorization: `Bearer ${admin.token.token}` };
    const sales = await handle.db.selectFrom('users').select('id').where('email', '=', testUsers.sales.email).executeTakeFirstOrThrow();
    const deactivated = await here.inject({ method: 'PATCH', url: `/api/v1/users/${sales.id}`, headers: adminHeaders, payload: { active: false } });
    expect(deactivated.statusCode).toBe(200);
    const ms = await waitFor(async () => (await statusThere({ cookie })) === 401, authCacheLifetimeMs);
    console.log(`deactivated user refused by the other process after ${ms} ms`);
    await here.inject({ method: 'PATCH', url: `/api/v1/users/${sales.id}`, headers: adminHeaders, payload: { active: true } });
  });
});
