import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainPlaybookEvents } from '../../../tests/helpers/playbook-events.ts';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { pinClock } from '../../platform/clock.ts';

// Work a playbook plans after someone saved their time away must not land on the days they are
// away: it goes to their backup, like the work they had when they saved it.

let t: TestApp;
const links = { publicUrl: 'http://app.test', secret: 'test-secret-for-links' };
beforeAll(async () => {
  pinClock('2026-04-06T08:00:00Z'); // a Monday
  t = await startTestApp();
  await t.db.updateTable('playbooks').set({ enabled: false }).execute();
  const steps = [
    { key: 'promised_call', kind: 'task', touch_kind: 'call', window_days: 0, offset_days: 1, subject: 'Call back as promised' },
    { key: 'card', kind: 'task', touch_kind: 'card', window_days: 3, offset_days: 1, subject: 'Write a card' },
    { key: 'later_call', kind: 'task', touch_kind: 'call', window_days: 0, offset_days: 10, subject: 'Call once they are back' },
  ];
  expect((await t.as('manager')('POST', '/api/v1/playbooks', { name: 'While away', trigger: 'deal_won', steps })).statusCode).toBe(201);
  // Sam Sales is away Tuesday to Friday, with Max Manager as backup, before the deal is won.
  const away = await t.as('sales')('PATCH', '/api/v1/me', { away_from: '2026-04-07', away_until: '2026-04-10', away_backup_id: t.userIds.manager });
  expect(away.statusCode).toBe(200);
  const account = (await t.as('sales')('POST', '/api/v1/accounts', { name: 'Away Anvils', owner_id: t.userIds.sales })).json();
  const deal = (await t.as('sales')('POST', '/api/v1/deals', { account_id: account.id, title: 'Anvils', value: 1200 })).json();
  await t.as('sales')('POST', `/api/v1/deals/${deal.id}/win`);
  await drainPlaybookEvents(t.db, links);
});
afterAll(async () => {
  pinClock(null);
  await t.close();
});

const stepTouch = (key: string) =>
  t.db.selectFrom('touches').select(['due_at', 'assignee_id', 'window_from', 'window_until']).where('step_key', '=', key).executeTakeFirstOrThrow();

describe('playbook work planned while someone is away', () => {
  it('gives a task due on a day away to the backup, on its deadline', async () => {
    const call = await stepTouch('promised_call');
    expect(call.assignee_id).toBe(t.userIds.manager);
    expect(call.due_at?.toISOString()).toBe('2026-04-07T09:00:00.000Z');
    expect(call.window_from).toBeNull();
  });

  it('gives a task with slack wanted on a day away to the backup too, with the window it may move in', async () => {
    const card = await stepTouch('card');
    expect(card.assignee_id).toBe(t.userIds.manager);
    expect(card.due_at?.toISOString()).toBe('2026-04-07T09:00:00.000Z');
    // Tuesday and the next three working days: until the end of Friday.
    expect(card.window_from?.toISOString()).toBe('2026-04-07T09:00:00.000Z');
    expect(card.window_until?.toISOString()).toBe('2026-04-11T00:00:00.000Z');
  });

  it('leaves work due after the return with the person', async () => {
    const later = await stepTouch('later_call');
    expect(later.assignee_id).toBe(t.userIds.sales);
  });
});
