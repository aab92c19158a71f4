import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../../tests/helpers/test-db.ts';
import { testPassword, testUsers } from '../../tests/helpers/test-users.ts';
import type { DbHandle } from '../platform/db.ts';
import { readEnv } from '../platform/env.ts';
import type { App } from '../platform/http.ts';
import { buildServer } from './server.ts';

type Line = { level: number; msg: string; status?: number; route?: string; url?: string };

async function serverLoggingAt(level: string, handle: DbHandle) {
  const lines: Line[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Line);
      done();
    },
  });
  const app = await buildServer({ db: handle.db, kind: handle.kind, env: readEnv({ LOG_LEVEL: level }) }, { loggerInstance: pino({ level }, sink) });
  return { app, lines };
}

const login = (app: App, password: string) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: testUsers.manager.email, password } });

let handle: DbHandle;
beforeAll(async () => {
  handle = await openTestDb();
});
afterAll(async () => {
  await handle.close();
});

describe('request log', () => {
  // Proves: at the default level a successful request writes nothing and a refused one writes one
  // warn line naming the route and the status; at debug every request has its line.
  it('logs refused requests once at warn and the rest only at debug', async () => {
    const info = await serverLoggingAt('info', handle);
    expect((await login(info.app, testPassword)).statusCode).toBe(200);
    expect((await info.app.inject({ method: 'GET', url: '/api/v1/accounts' })).statusCode).toBe(401);
    expect((await login(info.app, 'wrong-password-1')).statusCode).toBe(401);
    const requestLines = info.lines.filter((l) => l.msg === 'request' || l.msg === 'request refused');
    expect(requestLines).toEqual([
      expect.objectContaining({ level: 40, msg: 'request refused', route: '/api/v1/accounts', status: 401 }),
      expect.objectContaining({ level: 40, msg: 'request refused', route: '/api/v1/auth/login', status: 401 }),
    ]);
    await info.app.close();

    const debug = await serverLoggingAt('debug', handle);
    expect((await login(debug.app, testPassword)).statusCode).toBe(200);
    expect(debug.lines.filter((l) => l.msg === 'request')).toEqual([expect.objectContaining({ level: 20, url: '/api/v1/auth/login', status: 200 })]);
    await debug.app.close();
  });
});
