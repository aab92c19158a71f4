import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainPlaybookEvents } from '../../../tests/helpers/playbook-events.ts';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { pinClock } from '../../platform/clock.ts';
import type { RebalanceView, TeamLoadView } from './index.ts';

// A manager sees who has more planned than they can do, and one click moves the work that can wait
// to days with room inside each task's window; the work that cannot wait stays and is reported.

let t: TestApp;
const links = { publicUrl: 'http://app.test', secret: 'test-secret-for-links' };
const tuesday = '2026-04-07';
beforeAll(async () => {
  pinClock('2026-04-06T08:00:00Z'); // a Monday
  t = await startTestApp();
  await t.db.updateTable('playbooks').set({ enabled: false }).execute();
  const steps = [
    { key: 'promised_call', kind: 'task', touch_kind: 'call', window_days: 0, offset_days: 1, subject: 'Call back as promised' },
    { key: 'card', kind: 'task', touch_kind: 'card', window_days: 2, offset_days: 1, subject: 'Write a card' },
    { key: 'check_in', kind: 'task', touch_kind: 'check_in', window_days: 10, offset_days: 1, subject: 'Check in' },
  ];
  expect((await t.as('manager')('POST', '/api/v1/playbooks', { name: 'After the sale', trigger: 'deal_won', steps })).statusCode).toBe(201);
  for (const name of ['Tuesday Tiles', 'Tuesday Taps']) {
    const account = (await t.as('sales')('POST', '/api/v1/accounts', { name, owner_id: t.userIds.sales })).json();
    const deal = (await t.as('sales')('POST', '/api/v1/deals', { account_id: account.id, title: name, value: 900 })).json();
    await t.as('sales')('POST', `/api/v1/deals/${deal.id}/win`);
  }
  await drainPlaybookEvents(t.db, links);
  // Planned at 12 a day, six tasks fit Tuesday; then Sam's day shrinks to two.
  expect((await t.as('admin')('PATCH', `/api/v1/users/${t.userIds.sales}`, { touches_per_day: 2 })).statusCode).toBe(200);
});
afterAll(async () => {
  pinClock(null);
  await t.close();
});

const samsTasks = () =>
  t.db.selectFrom('touches').select(['id', 'step_key', 'due_at', 'assignee_id']).where('assignee_id', '=', t.userIds.sales).where('status', '=', 'planned').orderBy('id').execute();

describe('team load', () => {
  it('shows each person four weeks of planned touches against capacity, with the overflow', async () => {
    const res = await t.as('manager')('GET', '/api/v1/team-load');
    expect(res.statusCode).toBe(200);
    const load = res.json<TeamLoadView>();
    expect(load.days).toHaveLength(28);
    expect(load.days[0]).toBe('2026-04-06');
    const sam = load.people.find((p) => p.id === t.userIds.sales);
    expect(sam?.days.find((d) => d.day === tuesday)).toEqual({ day: tuesday, planned: 6, capacity: 2, movable: 4, past: false, over: true });
    expect(sam?.days.find((d) => d.day === '2026-04-11')).toMatchObject({ planned: 0, capacity: 0 }); // a Saturday
    expect(sam).toMatchObject({ over_days: 1, over_touches: 4 });
    expect(load).toMatchObject({ over_days: 1, over_touches: 4 });
  });

  it('is for managers and admins only', async () => {
    expect((await t.as('sales')('GET', '/api/v1/team-load')).statusCode).toBe(403);
    expect((await t.as('service')('POST', '/api/v1/team-load/rebalance', { preview: true })).statusCode).toBe(403);
  });

  it('refuses a preview flag that is not true or false, naming it', async () => {
    const res = await t.as('manager')('POST', '/api/v1/team-load/rebalance', { preview: 'maybe' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('preview');
  });

  it('previews the moves without moving anything', async () => {
    const before = await samsTasks();
    const res = await t.as('manager')('POST', '/api/v1/team-load/rebalance', { preview: true });
    expect(res.statusCode).toBe(200);
    const preview = res.json<RebalanceView>();
    expect(preview.applied).toBe(false);
    expect(preview.moves).toHaveLength(4);
    expect(preview.still_over).toEqual([]);
    expect(await samsTasks()).toEqual(before);
  });

  it('moves the tasks with slack inside their windows, keeps the promised calls, and moves nothing twice', async () => {
    const res = await t.as('manager')('POST', '/api/v1/team-load/rebalance', {});
    expect(res.statusCode).toBe(200);
    const result = res.json<RebalanceView>();
    expect(result.applied).toBe(true);
    expect(result.moves.map((m) => m.kind).sort()).toEqual(['card', 'card', 'check_in', 'check_in']);
    const byDay = new Map<string, string[]>();
    for (const task of await samsTasks()) {
      const day = task.due_at?.toISOString().slice(0, 10) ?? '';
      byDay.set(day, [...(byDay.get(day) ?? []), task.step_key ?? ''].sort());
    }
    // The check-ins may wait longest, so they go first, to the next day; the cards (two days of slack) the day after.
    expect(Object.fromEntries(byDay)).toEqual({
      '2026-04-07': ['promised_call', 'promised_call'],
      '2026-04-08': ['check_in', 'check_in'],
      '2026-04-09': ['card', 'card'],
    });
    const events = await t.db.selectFrom('events').select(['payload', 'actor_id']).where('type', '=', 'touch.rebalanced').execute();
    expect(events).toHaveLength(4);
    expect(events[0]?.actor_id).toBe(t.userIds.manager);

    const again = (await t.as('manager')('POST', '/api/v1/team-load/rebalance', {})).json<RebalanceView>();
    expect(again.moves).toEqual([]);
    const load = (await t.as('manager')('GET', '/api/v1/team-load')).json<TeamLoadView>();
    expect(load.over_touches).toBe(0);
  });

  it('reports a day that stays over when only work without slack is left on it', async () => {
    expect((await t.as('admin')('PATCH', `/api/v1/users/${t.userIds.sales}`, { touches_per_day: 1 })).statusCode).toBe(200);
    const preview = (await t.as('manager')('POST', '/api/v1/team-load/rebalance', { preview: true })).json<RebalanceView>();
    expect(preview.still_over).toContainEqual({ assignee_id: t.userIds.sales, name: 'Sam Sales', day: tuesday, planned: 2, capacity: 1 });
  });
});
