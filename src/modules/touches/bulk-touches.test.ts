import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';

let t: TestApp;
let own: string;
let foreign: string;
beforeAll(async () => {
  t = await startTestApp();
  own = (await t.as('sales')('POST', '/api/v1/accounts', { name: 'Bulk Own Ltd', owner_id: t.userIds.sales })).json().id;
  foreign = (await t.as('manager')('POST', '/api/v1/accounts', { name: 'Someone Else GmbH', owner_id: t.userIds.manager })).json().id;
});
afterAll(async () => {
  await t.close();
});

const due = '2030-03-01T09:00:00Z';
async function plan(accountId: string, subject: string, assignee = t.userIds.sales): Promise<string> {
  const res = await t.as('manager')('POST', '/api/v1/touches', { account_id: accountId, kind: 'call', subject, due_at: due, assignee_id: assignee });
  return res.json().id;
}
const rows = (ids: string[]) => t.db.selectFrom('touches').select(['id', 'status', 'assignee_id', 'due_at']).where('id', 'in', ids).orderBy('subject').execute();

describe('changing many touches at once', () => {
  it('reassigns every selected touch to a colleague in one request', async () => {
    const ids = [await plan(own, 'A call'), await plan(own, 'B call')];
    const res = await t.as('sales')('POST', '/api/v1/touches/bulk', { action: 'reassign', touch_ids: ids, assignee_id: t.userIds.service });
    expect(res.json()).toEqual({ action: 'reassign', changed: 2 });
    expect((await rows(ids)).map((r) => r.assignee_id)).toEqual([t.userIds.service, t.userIds.service]);
  });

  it('snoozes to a date, due at the start of that working day, and skips with a reason', async () => {
    const ids = [await plan(own, 'C call'), await plan(own, 'D call')];
    const snoozed = await t.as('sales')('POST', '/api/v1/touches/bulk', { action: 'snooze', touch_ids: ids, until: '2099-06-03' });
    expect(snoozed.statusCode, snoozed.body).toBe(200);
    expect((await rows(ids)).map((r) => r.due_at?.toISOString())).toEqual(['2099-06-03T09:00:00.000Z', '2099-06-03T09:00:00.000Z']);
    await t.as('sales')('POST', '/api/v1/touches/bulk', { action: 'skip', touch_ids: ids, reason: 'Closed for the summer' });
    expect((await rows(ids)).map((r) => r.status)).toEqual(['skipped', 'skipped']);
    const events = await t.db.selectFrom('events').select('type').where('subject_id', 'in', ids).execute();
    expect(events.filter((e) => e.type === 'touch.snoozed')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'touch.skipped')).toHaveLength(2);
  });

  it('refuses a snooze to a day that does not exist, naming it, instead of rolling it into the next month', async () => {
    const mine = await plan(own, 'F call');
    const res = await t.as('sales')('POST', '/api/v1/touches/bulk', { action: 'snooze', touch_ids: [mine], until: '2027-04-31' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ field: 'until', message: expect.stringContaining('is not a day of 2027-04') });
    expect((await rows([mine])).map((r) => r.due_at?.toISOString())).toEqual(['2030-03-01T09:00:00.000Z']);
  });

  it('changes nothing when one selected touch is not the person’s to work, and says which', async () => {
    const mine = await plan(own, 'E call');
    const theirs = await plan(foreign, 'Their call', t.userIds.manager);
    for (const body of [
      { action: 'skip', touch_ids: [mine, theirs] },
      { action: 'snooze', touch_ids: [mine, theirs], until: '2099-01-05' },
      { action: 'reassign', touch_ids: [mine, theirs], assignee_id: t.userIds.service },
    ]) {
      const res = await t.as('sales')('POST', '/api/v1/touches/bulk', body);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toBe('“Their call” (Someone Else GmbH) is not yours to work: nothing was changed');
    }
    expect((await rows([mine, theirs])).map((r) => [r.status, r.assignee_id, r.due_at?.toISOString()])).toEqual([
      ['planned', t.userIds.sales, '2030-03-01T09:00:00.000Z'],
      ['planned', t.userIds.manager, '2030-03-01T09:00:00.000Z'],
    ]);
  });

  it('changes nothing when one touch is already done, is missing, or the date or colleague is wrong', async () => {
    const open = await plan(own, 'F call');
    const done = await plan(own, 'G call');
    await t.as('sales')('POST', `/api/v1/touches/${done}/complete`, { outcome: 'Talked' });
    const sales = t.as('sales');
    const conflict = await sales('POST', '/api/v1/touches/bulk', { action: 'skip', touch_ids: [open, done] });
    expect([conflict.statusCode, conflict.json().error.message]).toEqual([409, '“G call” (Bulk Own Ltd) is already done: nothing was changed']);
    const missing = await sales('POST', '/api/v1/touches/bulk', { action: 'skip', touch_ids: [open, '00000000-0000-4000-8000-000000000000'] });
    expect(missing.statusCode).toBe(404);
    const past = await sales('POST', '/api/v1/touches/bulk', { action: 'snooze', touch_ids: [open], until: '2020-01-01' });
    expect([past.statusCode, past.json().error.field]).toEqual([422, 'until']);
    const nobody = await sales('POST', '/api/v1/touches/bulk', { action: 'reassign', touch_ids: [open], assignee_id: '00000000-0000-4000-8000-000000000000' });
    expect([nobody.statusCode, nobody.json().error.field]).toEqual([422, 'assignee_id']);
    expect((await sales('POST', '/api/v1/touches/bulk', { action: 'skip', touch_ids: [] })).statusCode).toBe(400);
    expect((await rows([open])).map((r) => [r.status, r.due_at?.toISOString()])).toEqual([['planned', '2030-03-01T09:00:00.000Z']]);
  });
});
