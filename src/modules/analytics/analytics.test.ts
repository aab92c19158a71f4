import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { pinClock } from '../../platform/clock.ts';
import { claimJob, runClaimedJob } from '../../worker/jobs.ts';
import { jobRegistry } from '../../cli/worker-jobs.ts';
import { scoreAccounts } from './score-accounts.ts';
import { insertAccountWithOrders, insertBuyingCustomers } from './analytics-test-data.ts';

let t: TestApp;
let prospectId: string;
let customers: number;
beforeAll(async () => {
  pinClock('2026-06-01T08:00:00Z');
  t = await startTestApp();
  ({ accounts: customers } = await insertBuyingCustomers(t.db, { customers: 400, asOf: '2026-05-31', historyDays: 730, seed: 7 }));
  prospectId = await insertAccountWithOrders(t.db, 'Prospect Ltd', []);
});
afterAll(async () => {
  pinClock(null);
  await t.close();
});

type Listed = { account_id: string; clv: number; segment: string; late: boolean };

describe('retention analytics API', () => {
  it('says how to get scores before the first run, and lets only managers and admins start one', async () => {
    const fit = await t.as('sales')('GET', '/api/v1/analytics/fit');
    expect(fit.statusCode).toBe(404);
    expect(fit.json().error.message).toMatch(/No scores yet: start a scoring run/);
    expect((await t.as('sales')('POST', '/api/v1/analytics/score', {})).statusCode).toBe(403);
    const first = await t.as('manager')('POST', '/api/v1/analytics/score', {});
    expect(first.statusCode).toBe(202);
    expect(first.json()).toMatchObject({ as_of: '2026-06-01', status: 'queued' });
    const again = await t.as('admin')('POST', '/api/v1/analytics/score', {});
    expect(again.json().job_id).toBe(first.json().job_id);

    const job = await claimJob(t.db);
    expect(job?.name).toBe('analytics.score_accounts');
    expect(await runClaimedJob({ db: t.db, links: { publicUrl: 'http://localhost', secret: 'test' } }, job!, jobRegistry)).toBe('done');
  });

  it('reports the fitted models with a holdout check', async () => {
    const report = (await t.as('sales')('GET', '/api/v1/analytics/fit')).json();
    expect(report.run).toMatchObject({ as_of: '2026-06-01', status: 'done', accounts: customers, message: null });
    expect(report.clv_fitted).toBe(true);
    const [bgnbd, gammagamma] = report.models;
    expect(bgnbd).toMatchObject({ model: 'bgnbd', unit: 'day', customers });
    expect(Object.keys(bgnbd.params).sort()).toEqual(['a', 'alpha', 'b', 'r']);
    expect(bgnbd.ll).toBeLessThan(0);
    expect(bgnbd.holdout_check).toMatchObject({ calibration_end: '2026-03-03', holdout_days: 90 });
    expect(bgnbd.holdout_check.predicted_repeat_orders).toBeGreaterThan(0);
    expect(gammagamma.params.q).toBeGreaterThan(1);
    const runs = (await t.as('sales')('GET', '/api/v1/analytics/runs')).json().items;
    expect(runs[0]).toMatchObject({ id: report.run.id, status: 'done', accounts: customers });
  });

  it('summarises segments, the RFM grid, the CLV distribution and cohorts over every scored account', async () => {
    const api = t.as('sales');
    const sum = (list: { accounts: number }[]) => list.reduce((s, x) => s + x.accounts, 0);
    const segments = (await api('GET', '/api/v1/analytics/segments')).json();
    expect(segments.segments).toHaveLength(9);
    expect(sum(segments.segments)).toBe(customers);
    expect(sum((await api('GET', '/api/v1/analytics/rfm-grid')).json().cells)).toBe(customers);
    expect(sum((await api('GET', '/api/v1/analytics/clv-distribution')).json().buckets)).toBe(customers);
    const cohorts = (await api('GET', '/api/v1/analytics/cohorts')).json().cohorts;
    expect(cohorts.filter((c: { period: number }) => c.period === 0).every((c: { retention: number }) => c.retention === 1)).toBe(true);
  });

  it('lists accounts most valuable first, page by page, filtered by segment, CLV and lateness', async () => {
    const api = t.as('sales');
    const all: Listed[] = [];
    let cursor = '';
    do {
      const page = (await api('GET', `/api/v1/analytics/accounts?limit=150${cursor ? `&cursor=${cursor}` : ''}`)).json();
      all.push(...page.items);
      cursor = page.next ?? '';
    } while (cursor);
    expect(all).toHaveLength(customers);
    expect(all.map((a) => a.clv)).toEqual([...all.map((a) => a.clv)].sort((x, y) => y - x));
    const threshold = all[100]?.clv ?? 0;
    const atRisk = (await api('GET', `/api/v1/analytics/accounts?segment=at_risk&min_clv=${threshold}&limit=200`)).json().items as Listed[];
    expect(atRisk).toEqual(all.filter((a) => a.segment === 'at_risk' && a.clv >= threshold).map((a) => expect.objectContaining({ account_id: a.account_id })));
    const late = (await api('GET', '/api/v1/analytics/accounts?late=true&limit=200')).json().items as Listed[];
    expect(late.length).toBeGreaterThan(0);
    expect(late.every((a) => a.late)).toBe(true);
    expect((await api('GET', '/api/v1/analytics/accounts?segment=sleepy')).statusCode).toBe(400);
  });

  it("shows an account's score with the factors that make up its health", async () => {
    const [top] = (await t.as('sales')('GET', '/api/v1/analytics/accounts?limit=1')).json().items as Listed[];
    const score = (await t.as('sales')('GET', `/api/v1/accounts/${top?.account_id}/score`)).json();
    expect(score).toMatchObject({ as_of: '2026-06-01', segment_label: expect.any(String) });
    expect(score.p_alive).toBeGreaterThan(0);
    expect(score.health_factors.map((f: { key: string }) => f.key)).toEqual(['order_rhythm', 'touch_recency', 'p_alive', 'service_issues', 'last_nps', 'late_orders']);
    const points = score.health_factors.reduce((s: number, f: { points: number }) => s + f.points, 0);
    expect(score.health).toBe(Math.round(points));
    const prospect = await t.as('sales')('GET', `/api/v1/accounts/${prospectId}/score`);
    expect(prospect.statusCode).toBe(200);
    expect(prospect.json()).toEqual({ scored: false, message: expect.stringMatching(/^Not scored yet: scores cover accounts with at least one order/) });
    expect((await t.as('sales')('GET', '/api/v1/accounts/00000000-0000-4000-8000-000000000000/score')).json().error.message).toBe('Account not found');
  });

  it('changes weights only for managers and admins, and refuses inconsistent thresholds', async () => {
    const defaults = (await t.as('sales')('GET', '/api/v1/analytics/settings')).json();
    expect(defaults).toMatchObject({
      health_weights: { order_rhythm: 32, touch_recency: 20, p_alive: 28, service_issues: 10, last_nps: 10, late_orders: 10 },
      issue_open_penalty: 15,
      issue_breached_penalty: 50,
      nps_max_age_days: 365,
    });
    const weights = { order_rhythm: 40, touch_recency: 10, p_alive: 30, service_issues: 15, last_nps: 5 };
    expect((await t.as('sales')('PATCH', '/api/v1/analytics/settings', { health_weights: weights })).statusCode).toBe(403);
    const changed = await t.as('admin')('PATCH', '/api/v1/analytics/settings', { health_weights: weights, lateness_factor: 2, issue_breached_penalty: 60 });
    // Five weights from a client older than late_orders: its stored weight stays, not 0.
    expect(changed.json()).toMatchObject({ health_weights: { ...weights, late_orders: 10 }, lateness_factor: 2, issue_breached_penalty: 60 });
    // Weights go as a whole: the three of before are not enough.
    const partial = await t.as('admin')('PATCH', '/api/v1/analytics/settings', { health_weights: { order_rhythm: 50, touch_recency: 10, p_alive: 40 } });
    expect(partial.statusCode).toBe(400);
    const bad = await t.as('manager')('PATCH', '/api/v1/analytics/settings', { touch_stale_days: 10 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('touch_stale_days');
    const cheaperBreach = await t.as('manager')('PATCH', '/api/v1/analytics/settings', { issue_open_penalty: 70 });
    expect(cheaperBreach.statusCode).toBe(400);
    expect(cheaperBreach.json().error.field).toBe('issue_breached_penalty');
    const after = (await t.as('sales')('GET', '/api/v1/analytics/settings')).json();
    expect(after).toMatchObject({ touch_stale_days: 180, issue_open_penalty: 15 });
  });

  it('keeps answering requests while a scoring run works through its chunks on the same database', async () => {
    let finished = false;
    const scoring = scoreAccounts(t.db, { asOf: '2026-05-30', chunkSize: 25 }).then(() => {
      finished = true;
    });
    const response = await t.as('sales')('GET', '/api/v1/analytics/settings');
    expect(response.statusCode).toBe(200);
    expect(finished).toBe(false);
    await scoring;
  });
});
