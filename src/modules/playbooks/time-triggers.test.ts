import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { pinClock } from '../../platform/clock.ts';
import { runTimeTriggers } from './time-triggers.ts';

let t: TestApp;
const links = { publicUrl: 'http://app.test', secret: 'test-secret-for-links' };
beforeAll(async () => {
  pinClock('2026-01-05T08:00:00Z');
  t = await startTestApp();
});
afterAll(async () => {
  pinClock(null);
  await t.close();
});

const tasksOf = (accountId: string, stepKey: string) =>
  t.db.selectFrom('touches').selectAll().where('account_id', '=', accountId).where('step_key', '=', stepKey).execute();

describe('time-based triggers', () => {
  it("reminds the owner to offer a reorder when the customer's own rhythm has passed, once per last order", async () => {
    const api = t.as('sales');
    const account = (await api('POST', '/api/v1/accounts', { name: 'Rhythm Roasters', owner_id: t.userIds.sales })).json();
    for (const day of ['2025-10-01', '2025-10-31', '2025-12-01']) {
      await api('POST', '/api/v1/orders', { account_id: account.id, placed_at: `${day}T10:00:00Z`, lines: [{ description: 'Beans', quantity: 1, unit_price: 50 }] });
    }
    await api('POST', '/api/v1/touches', { account_id: account.id, kind: 'note', subject: 'Planned so no attention gap', due_at: '2026-03-01T09:00:00Z' });
    pinClock('2025-12-20T08:00:00Z');
    await runTimeTriggers(t.db, links);
    expect(await tasksOf(account.id, 'reorder_call')).toHaveLength(0);
    pinClock('2026-01-05T08:00:00Z');
    await runTimeTriggers(t.db, links);
    await runTimeTriggers(t.db, links);
    const reminders = await tasksOf(account.id, 'reorder_call');
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({ kind: 'call', assignee_id: t.userIds.sales });
    expect(reminders[0]?.notes).toContain('They usually order every 30 days; the last order was 34 days ago');
  });

  it('plans a call for a customer nobody has touched for 60 days, and not for a snoozed one', async () => {
    const api = t.as('sales');
    pinClock('2025-09-01T08:00:00Z');
    const silent = (await api('POST', '/api/v1/accounts', { name: 'Silent Signs', owner_id: t.userIds.sales, lifecycle: 'customer' })).json();
    const snoozed = (await api('POST', '/api/v1/accounts', { name: 'Sleepy Signs', owner_id: t.userIds.sales, lifecycle: 'customer' })).json();
    const talked = (await api('POST', '/api/v1/accounts', { name: 'Chatty Signs', owner_id: t.userIds.sales, lifecycle: 'customer' })).json();
    pinClock('2025-12-20T08:00:00Z');
    await api('POST', '/api/v1/touches/log', { account_id: talked.id, kind: 'call', subject: 'Catch-up' });
    await t.as('manager')('POST', `/api/v1/accounts/${snoozed.id}/snooze`, { days: 30 });
    pinClock('2026-01-05T08:00:00Z');
    await runTimeTriggers(t.db, links);
    expect(await tasksOf(silent.id, 'reach_out')).toHaveLength(1);
    expect((await tasksOf(silent.id, 'reach_out'))[0]?.subject).toBe('Nobody has talked to Silent Signs for 60 days');
    expect(await tasksOf(snoozed.id, 'reach_out')).toHaveLength(0);
    expect(await tasksOf(talked.id, 'reach_out')).toHaveLength(0);
  });

  it('reminds a customer due beyond the first batch at the next scan: those already reminded do not keep the first places', async () => {
    const api = t.as('sales');
    const order = async (accountId: string, day: string) =>
      api('POST', '/api/v1/orders', { account_id: accountId, placed_at: `${day}T10:00:00Z`, lines: [{ description: 'Beans', quantity: 1, unit_price: 50 }] });
    const early = (await api('POST', '/api/v1/accounts', { name: 'Early Espresso', owner_id: t.userIds.sales })).json();
    const late = (await api('POST', '/api/v1/accounts', { name: 'Late Latte', owner_id: t.userIds.sales })).json();
    for (const day of ['2025-09-01', '2025-10-01', '2025-10-31']) await order(early.id, day);
    for (const day of ['2025-10-15', '2025-11-14', '2025-12-14']) await order(late.id, day);
    // Due since 30 November and 13 January; Rhythm Roasters, reminded above, is still due and would
    // take the one place of every scan if reminded customers counted toward the limit.
    pinClock('2026-01-20T08:00:00Z');
    const reminded = async () => [(await tasksOf(early.id, 'reorder_call')).length, (await tasksOf(late.id, 'reorder_call')).length];
    await runTimeTriggers(t.db, links, { scanLimit: 1 });
    expect((await reminded()).sort()).toEqual([0, 1]);
    await runTimeTriggers(t.db, links, { scanLimit: 1 });
    expect(await reminded()).toEqual([1, 1]);
  });
});
