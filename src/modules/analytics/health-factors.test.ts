import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { pinClock } from '../../platform/clock.ts';
import { insertDoneTouch } from '../touches/index.ts';
import { insertAccountWithOrders } from './analytics-test-data.ts';
import { assessHealth, explainHealth, type HealthInput, type HealthSettings, storedSignals } from './health.ts';
import { scoreAccounts } from './score-accounts.ts';
import { asOfMoment } from './service-signals.ts';

// Two accounts with the same orders and touches; one of them has two open service issues (one past
// its SLA) and answered the NPS survey with a 3. Issues and the answer go through the API, as a
// service user and a customer would create them.
const asOf = '2026-03-31';
let t: TestApp;
let calm: string;
let troubled: string;

async function twin(name: string) {
  const id = await insertAccountWithOrders(t.db, name, [
    { on: '2026-01-05', total: 120 },
    { on: '2026-02-04', total: 80 },
    { on: '2026-03-06', total: 100 },
  ]);
  await insertDoneTouch(t.db, id, '2026-03-25');
  const contact = await t.as('sales')('POST', '/api/v1/contacts', { account_id: id, name: `Buyer at ${name}`, email: `buyer@${name.toLowerCase()}.example` });
  expect(contact.statusCode).toBe(201);
  return { id, contactId: contact.json().id as string };
}

async function answerNps(accountId: string, contactId: string, score: number) {
  const invite = await t.as('service')('POST', '/api/v1/surveys/invites', { account_id: accountId, contact_id: contactId, kind: 'nps' });
  expect(invite.statusCode).toBe(201);
  const message = await t.db.selectFrom('messages').select('body_text').where('touch_id', '=', invite.json().touch.id).executeTakeFirstOrThrow();
  const token = message.body_text.match(/\/s\/(\S+)/)?.[1];
  const answer = await t.app.inject({ method: 'POST', url: `/s/${token}`, payload: `score=${score}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  expect(answer.body).toContain('Thank you for your answer');
}

async function openIssue(accountId: string, title: string, severity: 'low' | 'high') {
  expect((await t.as('service')('POST', '/api/v1/issues', { account_id: accountId, title, severity })).statusCode).toBe(201);
}

beforeAll(async () => {
  pinClock('2026-03-19T10:00:00Z');
  t = await startTestApp();
  calm = (await twin('Calm')).id;
  const other = await twin('Troubled');
  troubled = other.id;
  await answerNps(troubled, other.contactId, 3);
  pinClock('2026-03-30T09:00:00Z');
  await openIssue(troubled, 'Machine stopped', 'high'); // resolution due 24 h later: past it by the as-of date
  pinClock('2026-03-31T09:00:00Z');
  await openIssue(troubled, 'Invoice address wrong', 'low'); // first response due 24 h later: within its SLA
  pinClock('2026-04-01T02:00:00Z');
  await scoreAccounts(t.db, { asOf });
});
afterAll(async () => {
  pinClock(null);
  await t.close();
});

type Factor = { key: string; score: number | null; points: number; detail: string };
const scoreOf = async (id: string) => (await t.as('sales')('GET', `/api/v1/accounts/${id}/score`)).json() as { health: number; health_factors: Factor[] };
const byKey = (factors: Factor[]) => Object.fromEntries(factors.map((f) => [f.key, f]));

describe('service issues and the last NPS answer in the health score', () => {
  it('scores an account with a breached issue and a detractor lower, and says why', async () => {
    const [good, bad] = [await scoreOf(calm), await scoreOf(troubled)];
    // 100·32 + 100·20 + 100·10 over 62 (p(alive) not fitted, no NPS answer) against
    // 100·32 + 100·20 + 35·10 + 30·10 over 72.
    expect(good.health).toBe(100);
    expect(bad.health).toBe(81);
    const [g, b] = [byKey(good.health_factors), byKey(bad.health_factors)];
    for (const key of ['order_rhythm', 'touch_recency', 'p_alive']) expect(b[key]?.score).toBe(g[key]?.score);

    expect(g.service_issues).toMatchObject({ score: 100, detail: 'No open service issues.' });
    expect(b.service_issues).toMatchObject({
      score: 35,
      points: 4.9,
      open_issues: { open: 2, breached: 1 },
      detail: '2 open issues, 1 past its SLA (15 points off per open issue, 50 per one past its SLA).',
    });
    expect(g.last_nps).toMatchObject({ score: null, points: 0, detail: 'No NPS answer yet: neutral, the other factors decide.' });
    expect(b.last_nps).toMatchObject({ score: 30, points: 4.2, last_nps: { score: 3, days_ago: 12 }, detail: 'Last NPS answer 3 of 10 (detractor), 12 days ago.' });
    expect(Math.round(bad.health_factors.reduce((sum, f) => sum + f.points, 0))).toBe(bad.health);
  });

  it('judges SLAs at the end of the as-of date, but never later than now', () => {
    expect(asOfMoment(asOf).toISOString()).toBe('2026-03-31T23:59:59.999Z');
    expect(asOfMoment('2026-04-01').toISOString()).toBe('2026-04-01T02:00:00.000Z');
  });
});

describe('late orders in the health score', () => {
  it('scores an account with an unshipped order past its ship-by date lower, and says why', async () => {
    const late = (await twin('Waiting')).id;
    await t.db.updateTable('orders').set({ status: 'placed', shipped_at: null, ship_by: '2026-03-10T00:00:00Z' })
      .where('account_id', '=', late).where('placed_at', '>=', new Date('2026-03-06T00:00:00Z')).execute();
    pinClock('2026-04-01T02:00:00Z');
    await scoreAccounts(t.db, { asOf });
    const [onTime, waiting] = [await scoreOf(calm), await scoreOf(late)];
    expect(byKey(onTime.health_factors).late_orders).toMatchObject({ score: null, points: 0 });
    // 100·32 + 100·20 + 100·10 + 0·10 over 72 (p(alive) not fitted, no NPS answer).
    expect(waiting.health).toBe(86);
    expect(byKey(waiting.health_factors).late_orders).toMatchObject({
      score: 0,
      detail: '1 order not shipped by the promised date (the oldest 21 days late).',
    });
  });
});

describe('signals after the as-of date', () => {
  it('leaves out a touch, an NPS answer, an issue and a missed ship-by date that come after the end of that date', async () => {
    pinClock('2026-03-20T10:00:00Z');
    const { id: later, contactId } = await twin('Later');
    await answerNps(later, contactId, 9);
    // Between the end of the as-of date and the run, every signal turns bad.
    pinClock('2026-04-01T00:30:00Z');
    await insertDoneTouch(t.db, later, '2026-04-01');
    await answerNps(later, contactId, 2);
    await openIssue(later, 'Machine stopped again', 'high');
    await t.db.updateTable('orders').set({ status: 'placed', shipped_at: null, ship_by: '2026-04-01T00:10:00Z' })
      .where('account_id', '=', later).where('placed_at', '>=', new Date('2026-03-06T00:00:00Z')).execute();
    pinClock('2026-04-01T02:00:00Z');
    await scoreAccounts(t.db, { asOf });
    const row = await t.db.selectFrom('account_scores').selectAll().where('account_id', '=', later).where('as_of', '=', asOf).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ days_since_touch: 6, open_issues: 0, breached_issues: 0, last_nps: 9, last_nps_days: 11, late_orders: 0, days_late: 0 });
    // 100·32 + 100·20 + 100·10 + 90·10 over 72 (p(alive) not fitted, no late order).
    expect((await scoreOf(later)).health).toBe(99);
  });
});

describe('the service, NPS and late-order factors on their own', () => {
  const settings: HealthSettings = {
    health_weights: { service_issues: 1, last_nps: 1, late_orders: 1 },
    lateness_factor: 1.5,
    touch_fresh_days: 30,
    touch_stale_days: 180,
    issue_open_penalty: 15,
    issue_breached_penalty: 50,
    nps_max_age_days: 365,
  };
  const input: HealthInput = {
    recency_days: 10,
    order_days: 3,
    median_latency_days: 30,
    days_since_touch: 5,
    p_alive: null,
    typical_latency_days: null,
    open_issues: { open: 0, breached: 0 },
    last_nps: null,
    late_orders: { late: 0, days_late: 0 },
  };
  const factor = (overrides: Partial<HealthInput>, key: string) => assessHealth({ ...input, ...overrides }, settings).factors.find((f) => f.key === key);
  const detail = (overrides: Partial<HealthInput>, key: string) =>
    explainHealth({ ...input, ...overrides, ...storedSignals({ ...input, ...overrides }) }, settings).find((f) => f.key === key)?.detail;

  it('takes points off per issue, more for one past its SLA, down to 0', () => {
    expect(factor({ open_issues: { open: 1, breached: 0 } }, 'service_issues')?.score).toBe(85);
    expect(factor({ open_issues: { open: 3, breached: 2 } }, 'service_issues')?.score).toBe(0);
    expect(detail({ open_issues: { open: 1, breached: 0 } }, 'service_issues')).toMatch(/^1 open issue, none past its SLA/);
    expect(detail({ open_issues: { open: 3, breached: 2 } }, 'service_issues')).toMatch(/^3 open issues, 2 past their SLA/);
  });

  it('counts a promoter up and leaves an answer older than the limit out', () => {
    expect(factor({ last_nps: { score: 9, days_ago: 0 } }, 'last_nps')?.score).toBe(90);
    expect(factor({ last_nps: { score: 2, days_ago: 400 } }, 'last_nps')).toMatchObject({ score: null, points: 0, last_nps: { score: 2, days_ago: 400 } });
    expect(detail({ last_nps: { score: 9, days_ago: 0 } }, 'last_nps')).toBe('Last NPS answer 9 of 10 (promoter), today.');
    expect(detail({ last_nps: { score: 7, days_ago: 1 } }, 'last_nps')).toBe('Last NPS answer 7 of 10 (passive), 1 day ago.');
    expect(detail({ last_nps: { score: 2, days_ago: 400 } }, 'last_nps')).toBe('Last NPS answer 2 of 10 (detractor), 400 days ago: older than 365 days, so neutral.');
  });

  it('pulls the score down while an order is late, and is neutral when none is', () => {
    expect(factor({}, 'late_orders')).toMatchObject({ score: null, points: 0 });
    expect(detail({}, 'late_orders')).toBe('No order past its promised ship date: neutral, the other factors decide.');
    const onTime = assessHealth(input, settings).health;
    const late = assessHealth({ ...input, late_orders: { late: 2, days_late: 5 } }, settings);
    expect(late.factors.find((f) => f.key === 'late_orders')).toMatchObject({ score: 0, late_orders: { late: 2, days_late: 5 } });
    expect(late.health).toBeLessThan(onTime);
    expect(detail({ late_orders: { late: 2, days_late: 5 } }, 'late_orders')).toBe('2 orders not shipped by the promised date (the oldest 5 days late).');
    expect(detail({ late_orders: { late: 1, days_late: 0 } }, 'late_orders')).toBe('1 order not shipped by the promised date (the oldest less than a day late).');
  });
});
