import type { LightMyRequestResponse } from 'fastify';
import type { KyselyPlugin } from 'kysely';
import { buildServer } from '../../src/api/server.ts';
import type { App } from '../../src/platform/http.ts';
import type { Db } from '../../src/platform/db.ts';
import type { Role } from '../../src/platform/db-schema.ts';
import { readEnv } from '../../src/platform/env.ts';
import { openTestDb } from './test-db.ts';
import { testPassword, testUsers } from './test-users.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export type TestApp = {
  app: App;
  db: Db;
  userIds: Record<Role, string>;
  /** Calls the API as a signed-in user of that role (bearer token), or anonymously with null. */
  /** Requests as a role; `headers` for what a careless client sends (another content type). */
  as(role: Role | null): (method: Method, url: string, body?: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  close(): Promise<void>;
};

/**
 * `settings` adds settings (as environment variables) to the defaults, e.g. `{ TRUST_PROXY: '10.0.0.9' }`;
 * `plugin` sees every statement the server runs (e.g. a QueryRecorder).
 */
export async function startTestApp(settings: NodeJS.ProcessEnv = {}, plugin?: (db: Db) => KyselyPlugin): Promise<TestApp> {
  const handle = await openTestDb();
  const env = readEnv({ LOG_LEVEL: 'silent', ...settings });
  const served = plugin ? handle.db.withPlugin(plugin(handle.db)) : handle.db;
  const app = await buildServer({ db: served, kind: handle.kind, env, ops: handle });
  const tokens = new Map<Role, string>();
  const users = await handle.db.selectFrom('users').select(['id', 'role']).execute();
  const userIds = Object.fromEntries(users.map((u) => [u.role, u.id])) as Record<Role, string>;
  for (const role of Object.keys(testUsers) as Role[]) {
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: testUsers[role].email, password: testPassword },
    });
    const cookie = login.cookies.find((c) => c.name === 'afterclose_session')?.value ?? '';
    const token = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/tokens',
      headers: { cookie: `afterclose_session=${cookie}`, origin: 'http://localhost:80', host: 'localhost:80' },
      payload: { name: 'tests' },
    });
    tokens.set(role, token.json<{ token: string }>().token);
  }
  return {
    app,
    db: handle.db,
    userIds,
    as(role) {
      return (method, url, body, headers = {}) =>
        app.inject({
          method,
          url,
          headers: role ? { ...headers, authorization: `Bearer ${tokens.get(role)}` } : headers,
          ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
        });
    },
    async close() {
      await app.close();
      await handle.close();
    },
  };
}
