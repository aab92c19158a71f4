import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainPlaybookEvents } from '../../../tests/helpers/playbook-events.ts';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { pinClock } from '../../platform/clock.ts';
import { appendEvent } from '../../platform/events.ts';
import { simulateProgram } from './simulate.ts';

let t: TestApp;
const links = { publicUrl: 'http://app.test', secret: 'test-secret-for-links' };
const period = { from: new Date('2026-04-06T00:00:00Z'), to: new Date('2026-04-07T00:00:00Z') };

beforeAll(async () => {
  pinClock('2026-04-06T08:00:00Z'); // a Monday
  t = await startTestApp();
});
afterAll(async () => {
  pinClock(null);
  await t.close();
});

async function customer(name: string, email: string | null) {
  const api = t.as('sales');
  const account = (await api('POST', '/api/v1/accounts', { name, owner_id: t.userIds.sales, service_owner_id: t.userIds.service })).json();
  const contact = (await api('POST', '/api/v1/contacts', { account_id: account.id, name: `${name} Buyer`, email, postal_address: 'Main St 1', newsletter_consent: true })).json();
  return { accountId: account.id as string, contactId: contact.id as string };
}

/** Row count and a checksum of every row of the tables a simulation must never change. */
async function liveTables() {
  const tables = ['touches', 'messages', 'playbook_runs', 'events', 'playbooks'] as const;
  const state: Record<string, unknown> = {};
  for (const table of tables) {
    const row = await sql<{ n: number; sum: string }>`select count(*)::int as n, md5(coalesce(string_agg(r::text, '|' order by r::text), '')) as sum from ${sql.table(table)} r`.execute(t.db);
    state[table] = row.rows[0];
  }
  return state;
}

const byTouch = (x: { account_id: string; kind: string; assignee_id: string | null; due_at: Date | null; status: string }) =>
  `${x.account_id} ${x.kind} ${x.assignee_id ?? 'automated'} ${x.due_at?.toISOString()} ${x.status}`;

describe('playbook simulator', () => {
  it('plans touch by touch what production plans for the same events, and leaves the live tables as they were', async () => {
    const won = await customer('Brew Bros', 'buyer@brew.example');
    const ordered = await customer('Quiet Cafe', null);
    const deal = (await t.as('sales')('POST', '/api/v1/deals', { account_id: won.accountId, title: 'Grinders', value: 3000 })).json();
    await t.as('sales')('POST', `/api/v1/deals/${deal.id}/win`);
    await t.as('sales')('POST', '/api/v1/orders', { account_id: ordered.accountId, lines: [{ description: 'Beans', quantity: 2, unit_price: 20 }] });
    await t.db.transaction().execute((trx) =>
      appendEvent(trx, { type: 'survey.answered', accountId: won.accountId, subjectId: null, payload: { score: 3, kind: 'nps', title: 'NPS 3', comment: null, issue_id: null, contact_id: won.contactId } }),
    );

    const before = await liveTables();
    const simulated = await simulateProgram(t.db, { kind: 'current' }, period, links);
    expect(await liveTables()).toEqual(before);

    await drainPlaybookEvents(t.db, links);
    const production = await t.db.selectFrom('touches').select(['account_id', 'kind', 'assignee_id', 'due_at', 'status']).where('playbook_run_id', 'is not', null).execute();
    expect(production.length).toBeGreaterThan(8);
    expect(simulated.map(byTouch).sort()).toEqual(production.map(byTouch).sort());
    expect(simulated.filter((x) => x.detractor_recovery).map((x) => x.kind)).toEqual(['call']);
  });

  it('compares an edited program with the current one on the same history, through the API, as JSON and CSV', async () => {
    const manager = t.as('manager');
    const playbooks = (await manager('GET', '/api/v1/playbooks')).json().items as { key: string | null; enabled: boolean }[];
    // The business switches the welcome program off and tries it out before saving anything.
    const edited = playbooks.map(({ key, ...p }) => ({ ...p, enabled: key === 'welcome' ? false : p.enabled }));
    const before = await liveTables();
    const response = await manager('POST', '/api/v1/playbooks/simulations', { from: '2026-04-06', to: '2026-06-30', edited });
    expect(response.statusCode).toBe(200);
    expect(await liveTables()).toEqual(before);
    const result = response.json();
    expect(result.current.touches).toBeGreaterThan(result.edited.touches);
    expect(result.diff.touches.change).toBe(result.edited.touches - result.current.touches);
    expect(result.current.workload.people.map((p: { name: string }) => p.name)).toContain('Sam Sales');
    expect(result.diff.recovery_calls).toEqual({ current: 1, edited: 1, change: 0 });
    expect(result.current.emails.total).toBeGreaterThan(result.edited.emails.total);

    const csv = await manager('POST', '/api/v1/playbooks/simulations?format=csv', { from: '2026-04-06', to: '2026-06-30' });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toBe('program,report,name,week_or_month,count,clv,p_alive,value_at_risk');
    expect(csv.body).toContain('current,recovery_calls,,,1');
  });

  it('streams how far the replay is, week by week for each program, then the same result as the JSON answer', async () => {
    const manager = t.as('manager');
    const playbooks = (await manager('GET', '/api/v1/playbooks')).json().items as { key: string | null; enabled: boolean }[];
    const edited = playbooks.map(({ key, ...p }) => ({ ...p, enabled: key === 'welcome' ? false : p.enabled }));
    const body = { from: '2026-04-06', to: '2026-06-30', edited };
    const streamed = await manager('POST', '/api/v1/playbooks/simulations?format=ndjson', body);
    expect(streamed.statusCode).toBe(200);
    expect(streamed.headers['content-type']).toContain('application/x-ndjson');
    const lines = streamed.body.trimEnd().split('\n').map((line) => JSON.parse(line));
    // 86 days are 13 weekly scans, for the current program and then for the edited one.
    const weeks = (program: string) => lines.filter((l) => l.type === 'progress' && l.program === program).map((l) => `${l.week}/${l.weeks}`);
    const thirteen = Array.from({ length: 13 }, (_, i) => `${i + 1}/13`);
    expect(weeks('current')).toEqual(thirteen);
    expect(weeks('edited')).toEqual(thirteen);
    expect(lines.slice(0, -1).every((l) => l.type === 'progress')).toBe(true);
    const last = lines.at(-1);
    expect(last.type).toBe('result');
    const whole = (await manager('POST', '/api/v1/playbooks/simulations', body)).json();
    expect({ ...last.result, seconds: 0 }).toEqual({ ...whole, seconds: 0 });
  });

  it("reminds of a reorder from the orders placed up to the simulated day, never from a later one", async () => {
    const { accountId } = await customer('Steady Beans', 'buyer@steady.example');
    // Every 30 days, then a gap: on 2 March the rhythm has passed since the order of 30 January.
    // The order of 20 March is history to the live tables, but the future to a scan on 2 March.
    for (const day of ['2025-12-01', '2025-12-31', '2026-01-30', '2026-03-20']) {
      await t.as('sales')('POST', '/api/v1/orders', { account_id: accountId, placed_at: `${day}T10:00:00Z`, lines: [{ description: 'Beans', quantity: 1, unit_price: 50 }] });
    }
    const scans = { from: new Date('2026-02-23T08:00:00Z'), to: new Date('2026-03-09T08:00:00Z') };
    const simulated = await simulateProgram(t.db, { kind: 'current' }, scans, links);
    const reminders = simulated.filter((x) => x.account_id === accountId && x.step_key === 'reorder_call');
    expect(reminders.map((x) => ({ kind: x.kind, assignee_id: x.assignee_id, day: x.due_at.toISOString().slice(0, 10) }))).toEqual([
      { kind: 'call', assignee_id: t.userIds.sales, day: '2026-03-02' },
    ]);
  });

  it('refuses an edited playbook the editor would refuse, naming the field', async () => {
    const response = await t.as('manager')('POST', '/api/v1/playbooks/simulations', { edited: [{ name: 'Broken', trigger: 'deal_won', steps: [] }] });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ field: 'edited.0.steps', message: expect.stringContaining('at least one step') });
  });
});
