import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainPlaybookEvents } from '../../../tests/helpers/playbook-events.ts';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { pinClock } from '../../platform/clock.ts';

// The engine places a run's tasks in the assignee's capacity: work that can wait moves to a day with
// room, a task promised for a day keeps it and is flagged when that day is already full.

let t: TestApp;
const links = { publicUrl: 'http://app.test', secret: 'test-secret-for-links' };
const tuesdayNine = '2026-04-07T09:00:00.000Z';
beforeAll(async () => {
  pinClock('2026-04-06T08:00:00Z'); // a Monday
  t = await startTestApp();
  await t.db.updateTable('playbooks').set({ enabled: false }).execute();
  const steps = [
    { key: 'promised_call', kind: 'task', touch_kind: 'call', window_days: 0, offset_days: 1, subject: 'Call back as promised' },
    { key: 'card', kind: 'task', touch_kind: 'card', window_days: 3, offset_days: 1, subject: 'Write a card' },
  ];
  const created = await t.as('manager')('POST', '/api/v1/playbooks', { name: 'Tight day', trigger: 'deal_won', steps });
  expect(created.statusCode).toBe(201);
  // One touch a day, and Tuesday already holds one.
  expect((await t.as('admin')('PATCH', `/api/v1/users/${t.userIds.sales}`, { touches_per_day: 1 })).statusCode).toBe(200);
  const account = (await t.as('sales')('POST', '/api/v1/accounts', { name: 'Full Tuesday', owner_id: t.userIds.sales })).json();
  const planned = await t.as('sales')('POST', '/api/v1/touches', { account_id: account.id, kind: 'call', subject: 'Already planned', assignee_id: t.userIds.sales, due_at: tuesdayNine });
  expect(planned.statusCode).toBe(201);
  const deal = (await t.as('sales')('POST', '/api/v1/deals', { account_id: account.id, title: 'Grinders', value: 3000 })).json();
  await t.as('sales')('POST', `/api/v1/deals/${deal.id}/win`);
  await drainPlaybookEvents(t.db, links);
});
afterAll(async () => {
  pinClock(null);
  await t.close();
});

const stepTouch = (key: string) => t.db.selectFrom('touches').select(['due_at', 'planning_flag', 'assignee_id']).where('step_key', '=', key).executeTakeFirstOrThrow();

describe('capacity-aware playbook planning', () => {
  it('keeps a no-slack task on its deadline and flags it when the day is full', async () => {
    const call = await stepTouch('promised_call');
    expect(call.due_at?.toISOString()).toBe(tuesdayNine);
    expect(call.planning_flag).toBe('over_capacity');
  });

  it('moves a task with slack to the first working day with room, unflagged', async () => {
    const card = await stepTouch('card');
    expect(card.due_at?.toISOString()).toBe('2026-04-08T09:00:00.000Z');
    expect(card.planning_flag).toBeNull();
    expect(card.assignee_id).toBe(t.userIds.sales);
  });

  it('simulates the same program with every task on its wanted day, to show the person-days placement keeps under capacity', async () => {
    const simulate = async (planning: string) => {
      const response = await t.as('manager')('POST', '/api/v1/playbooks/simulations', { from: '2026-04-06', to: '2026-04-10', planning });
      expect(response.statusCode).toBe(200);
      return response.json();
    };
    const placed = await simulate('capacity');
    const wanted = await simulate('wanted_day');
    expect(placed.planning).toBe('capacity');
    expect(wanted.planning).toBe('wanted_day');
    // Alone, the program puts the promised call and the card on Tuesday for someone with room for one.
    expect(wanted.current.workload.days_over_capacity).toBe(1);
    expect(placed.current.workload.days_over_capacity).toBe(0);
    expect(placed.current.touches).toBe(wanted.current.touches);
  });
});
