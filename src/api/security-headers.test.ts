import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../../tests/helpers/test-db.ts';
import type { DbHandle } from '../platform/db.ts';
import { readEnv } from '../platform/env.ts';
import { buildServer } from './server.ts';

let handle: DbHandle;
beforeAll(async () => {
  handle = await openTestDb();
});
afterAll(async () => {
  await handle.close();
});

async function contentSecurityPolicy(publicUrl: string | undefined): Promise<string> {
  const env = readEnv({ LOG_LEVEL: 'silent', ...(publicUrl ? { PUBLIC_URL: publicUrl } : {}) });
  const app = await buildServer({ db: handle.db, kind: handle.kind, env });
  try {
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    return String(response.headers['content-security-policy']);
  } finally {
    await app.close();
  }
}

describe('Content-Security-Policy', () => {
  it('asks the browser to upgrade requests to https only when the app is served over https', async () => {
    for (const url of [undefined, 'http://192.168.1.20:3000', 'http://crm.example.com']) {
      const policy = await contentSecurityPolicy(url);
      expect(policy, url).toContain("script-src 'self'");
      expect(policy, url).not.toContain('upgrade-insecure-requests');
    }
    expect(await contentSecurityPolicy('https://crm.example.com')).toContain('upgrade-insecure-requests');
  });
});
