import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { testPassword, testUsers } from '../../../tests/helpers/test-users.ts';
import { pinClock } from '../../platform/clock.ts';
import { readEnv } from '../../platform/env.ts';

let t: TestApp;
let behindProxy: TestApp;
beforeAll(async () => {
  [t, behindProxy] = await Promise.all([startTestApp(), startTestApp({ TRUST_PROXY: '10.3.0.9' })]);
});
afterAll(async () => {
  await Promise.all([t?.close(), behindProxy?.close()]);
});
afterEach(() => pinClock(null));

function logIn(app: TestApp, email: string, password: string, ip: string, headers: Record<string, string> = {}) {
  return app.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: ip, headers });
}

describe('login throttling', () => {
  it('wrong passwords from other addresses never lock the owner out', async () => {
    for (let i = 0; i < 5; i++) expect((await logIn(t, testUsers.manager.email, 'wrong-guess', '10.1.0.1')).statusCode).toBe(401);
    for (let i = 0; i < 5; i++) expect((await logIn(t, testUsers.manager.email, 'wrong-guess', `10.1.1.${i}`)).statusCode).toBe(401);
    expect((await logIn(t, testUsers.manager.email, 'wrong-guess', '10.1.0.1')).statusCode).toBe(429);
    const owner = await logIn(t, testUsers.manager.email, testPassword, '10.1.9.9');
    expect(owner.statusCode).toBe(200);
  });

  it('an address that keeps guessing one account waits twice as long after each further failure', async () => {
    const start = new Date('2026-05-04T08:00:00Z').getTime();
    const at = (seconds: number) => pinClock(new Date(start + seconds * 1000));
    const ip = '10.2.0.1';
    at(0);
    for (let i = 0; i < 5; i++) expect((await logIn(t, testUsers.sales.email, 'wrong-guess', ip)).statusCode).toBe(401);
    // Sixth try: one minute's wait, even with the right password.
    const locked = await logIn(t, testUsers.sales.email, testPassword, ip);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error).toMatchObject({ code: 'rate_limited', message: expect.stringContaining('1 minute') });
    at(61);
    expect((await logIn(t, testUsers.sales.email, 'wrong-guess', ip)).statusCode).toBe(401);
    // Sixth failure: two minutes now.
    at(61 + 90);
    expect((await logIn(t, testUsers.sales.email, testPassword, ip)).statusCode).toBe(429);
    at(61 + 121);
    expect((await logIn(t, testUsers.sales.email, testPassword, ip)).statusCode).toBe(200);
    // The owner got in from there, so their earlier typos are forgiven.
    expect((await logIn(t, testUsers.sales.email, 'wrong-guess', ip)).statusCode).toBe(401);
    const rows = await t.db.selectFrom('login_failures').selectAll().where('ip', '=', ip).execute();
    expect(rows).toHaveLength(1);
  });

  it('a forged X-Forwarded-For does not give one client a fresh address for every guess', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const res = await logIn(t, `nobody${i}@test.example`, 'wrong-guess', '10.3.0.1', { 'x-forwarded-for': `198.51.100.${i}` });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
  });

  it('with TRUST_PROXY naming the proxy, each client behind it is throttled on its own', async () => {
    const viaProxy = (client: string, password: string) =>
      logIn(behindProxy, testUsers.service.email, password, '10.3.0.9', { 'x-forwarded-for': client });
    for (let i = 0; i < 5; i++) expect((await viaProxy('203.0.113.7', 'wrong-guess')).statusCode).toBe(401);
    expect((await viaProxy('203.0.113.7', testPassword)).statusCode).toBe(429);
    expect((await viaProxy('203.0.113.8', testPassword)).statusCode).toBe(200);
    const failures = await behindProxy.db.selectFrom('login_failures').select('ip').distinct().execute();
    expect(failures.map((f) => f.ip)).toEqual(['203.0.113.7']);
  });

  it('reads TRUST_PROXY as off, on, or a list of proxy addresses, and refuses anything else', () => {
    expect(readEnv({}).TRUST_PROXY).toBe(false);
    expect(readEnv({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(readEnv({ TRUST_PROXY: '10.0.0.1, 192.168.0.0/16,::1' }).TRUST_PROXY).toEqual(['10.0.0.1', '192.168.0.0/16', '::1']);
    expect(() => readEnv({ TRUST_PROXY: 'yes please' })).toThrow(/TRUST_PROXY/);
  });

  it('answers an unknown email as slowly as a wrong password, so timing does not reveal who has an account', async () => {
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    const time = async (email: string, ip: string) => {
      const started = performance.now();
      expect((await logIn(t, email, 'wrong-guess', ip)).statusCode).toBe(401);
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 7; i++) {
      known.push(await time(testUsers.admin.email, `10.5.0.${i}`));
      unknown.push(await time(`no.such.user${i}@test.example`, `10.5.1.${i}`));
    }
    // A password check is one scrypt (tens of ms); an answer without one is a few ms of SQL.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  });
});

describe('rate limits on public surfaces', () => {
  const surfaces: { name: string; method: 'GET' | 'POST'; url: string; max: number }[] = [
    { name: 'survey page', method: 'GET', url: '/s/not-a-real-token', max: 30 },
    { name: 'referral page', method: 'POST', url: '/r/not-a-real-token', max: 30 },
    { name: 'unsubscribe page', method: 'GET', url: '/u/not-a-real-token', max: 30 },
    { name: 'order webhook', method: 'POST', url: '/api/v1/webhooks/orders?integration=00000000-0000-4000-8000-000000000000', max: 300 },
    { name: 'calendar feed', method: 'GET', url: '/calendar/not-a-real-token.ics', max: 120 },
    { name: 'login', method: 'POST', url: '/api/v1/auth/login', max: 20 },
  ];

  it.each(surfaces)('limits the $name per address', async ({ method, url, max }) => {
    const call = (ip: string) => t.app.inject({ method, url, remoteAddress: ip, payload: method === 'POST' ? {} : undefined });
    const ip = `10.6.${surfaces.findIndex((s) => s.url === url)}.1`;
    for (let i = 0; i < max; i++) expect((await call(ip)).statusCode).not.toBe(429);
    const refused = await call(ip);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await call(ip.replace(/\.1$/, '.2'))).statusCode).not.toBe(429);
  });
});
