import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../../tests/helpers/test-db.ts';
import { startTestApp, type TestApp } from '../../tests/helpers/test-app.ts';
import { now, pinClock } from '../platform/clock.ts';
import { openDatabase } from '../platform/db.ts';
import { readEnv } from '../platform/env.ts';
import { formatMetrics, Histogram } from '../platform/prometheus.ts';
import { buildServer } from './server.ts';

const token = 'metrics-token-0123456789';
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ METRICS_TOKEN: token });
});
afterAll(async () => {
  pinClock(null);
  await t.close();
});

const scrape = async () => {
  const res = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${token}` } });
  expect(res.statusCode).toBe(200);
  return res.body;
};

/** The value of one sample line, e.g. `afterclose_jobs_due` or `afterclose_jobs{status="queued"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('readiness', () => {
  // Proves: /api/ready is 200 only while the database answers and every migration is applied; a
  // load balancer can tell a process that cannot serve from one that merely lives (/api/health).
  it('is ready with every migration applied, and says which one is missing otherwise', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    const ready = await t.app.inject({ method: 'GET', url: '/api/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready' });

    const removed = await t.db.deleteFrom('schema_migrations').where('name', '=', '0012_import_staging.sql').returningAll().executeTakeFirstOrThrow();
    try {
      const notReady = await t.app.inject({ method: 'GET', url: '/api/ready' });
      expect(notReady.statusCode).toBe(503);
      expect(notReady.json()).toEqual({ status: 'unavailable', reason: 'migrations not applied: 0012_import_staging.sql' });
    } finally {
      await t.db.insertInto('schema_migrations').values(removed).execute();
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/ready' })).statusCode).toBe(200);
  });

  it('is not ready when the database does not answer', async () => {
    // Nothing listens on port 1: every query fails to connect, as when the server is down.
    const handle = await openDatabase({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:1/afterclose', poolSize: 1 });
    const app = await buildServer({ db: handle.db, kind: handle.kind, env: readEnv({ LOG_LEVEL: 'silent' }) });
    const res = await app.inject({ method: 'GET', url: '/api/ready' });
    expect(res.statusCode).toBe(503);
    expect(res.json().reason).toMatch(/^database unreachable: /);
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    await app.close();
    await handle.close();
  });
});

describe('/metrics', () => {
  // Proves: the metrics are private: absent without METRICS_TOKEN, refused with a wrong one.
  it('does not exist without METRICS_TOKEN and refuses a wrong token', async () => {
    const handle = await openTestDb();
    const app = await buildServer({ db: handle.db, kind: handle.kind, env: readEnv({ LOG_LEVEL: 'silent' }) });
    expect((await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(404);
    await app.close();
    await handle.close();
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong-token-0123456789' } })).statusCode).toBe(401);
    const ok = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${token}` } });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
  });

  // Proves: each number comes from where the issue says: request durations per route pattern and
  // status, the due jobs and the age of the oldest, emails by outcome, playbook lag, pool use.
  it('reports request latency per route, job queue, emails, playbook lag and the pool', async () => {
    const api = t.as('sales');
    const account = (await api('POST', '/api/v1/accounts', { name: 'Metered Oy' })).json<{ id: string }>();
    await api('GET', `/api/v1/accounts/${account.id}`);
    await api('GET', '/api/v1/accounts/00000000-0000-4000-8000-000000000000');
    pinClock('2030-01-01T12:00:00Z');
    await t.db.insertInto('jobs').values({ name: 'metrics-probe', key: null, payload: JSON.stringify({}), run_at: new Date(now().getTime() - 90_000) }).execute();
    await t.db.insertInto('jobs').values({ name: 'metrics-later', key: null, payload: JSON.stringify({}), run_at: new Date(now().getTime() + 90_000) }).execute();
    await sql`insert into messages (idempotency_key, to_email, subject, body_text, status, send_after)
      values ('metrics-1', 'a@x.example', 'S', 'B', 'sent', now()), ('metrics-2', 'b@x.example', 'S', 'B', 'failed', now()),
             ('metrics-3', 'c@x.example', 'S', 'B', 'failed', now())`.execute(t.db);

    const text = await scrape();
    expect(sample(text, 'afterclose_http_request_duration_seconds_count{method="POST",route="/api/v1/accounts",status="201"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'afterclose_http_request_duration_seconds_count{method="GET",route="/api/v1/accounts/:id",status="200"}')).toBe(1);
    expect(sample(text, 'afterclose_http_request_duration_seconds_count{method="GET",route="/api/v1/accounts/:id",status="404"}')).toBe(1);
    expect(sample(text, 'afterclose_http_request_duration_seconds_bucket{method="GET",route="/api/v1/accounts/:id",status="200",le="+Inf"}')).toBe(1);
    expect(text).not.toContain(account.id);
    expect(sample(text, 'afterclose_jobs_due')).toBe(1);
    expect(sample(text, 'afterclose_jobs{status="queued"}')).toBe(2);
    expect(sample(text, 'afterclose_oldest_due_job_age_seconds')).toBe(90);
    expect(sample(text, 'afterclose_emails_sent_total')).toBe(1);
    expect(sample(text, 'afterclose_emails_failed_total')).toBe(2);
    // No worker runs here: the account's creation (and the test users') waits for the playbooks.
    expect(sample(text, 'afterclose_playbook_events_pending')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'afterclose_playbook_lag_seconds')).toBeGreaterThan(0);
    expect(sample(text, 'afterclose_db_pool_waiting')).toBe(0);
    expect(sample(text, 'afterclose_db_pool_connections{state="idle"}')).toBeGreaterThanOrEqual(0);
    expect(text).toMatch(/^# TYPE afterclose_http_request_duration_seconds histogram$/m);
  });
});

describe('the Prometheus text format', () => {
  it('escapes label values and writes cumulative buckets', () => {
    const h = new Histogram('h_seconds', 'Help with \\ and\nnewline', [0.1, 1]);
    h.observe({ route: 'a"b\\c' }, 0.05);
    h.observe({ route: 'a"b\\c' }, 0.5);
    expect(formatMetrics([h.family()])).toBe(
      [
        '# HELP h_seconds Help with \\\\ and\\nnewline',
        '# TYPE h_seconds histogram',
        'h_seconds_bucket{route="a\\"b\\\\c",le="0.1"} 1',
        'h_seconds_bucket{route="a\\"b\\\\c",le="1"} 2',
        'h_seconds_bucket{route="a\\"b\\\\c",le="+Inf"} 2',
        'h_seconds_sum{route="a\\"b\\\\c"} 0.55',
        'h_seconds_count{route="a\\"b\\\\c"} 2',
        '',
      ].join('\n'),
    );
  });
});
