import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { pinClock } from '../../platform/clock.ts';

let t: TestApp;
let accountId: string;
beforeAll(async () => {
  pinClock('2026-05-11T08:00:00Z');
  t = await startTestApp();
  accountId = (await t.as('sales')('POST', '/api/v1/accounts', { name: 'Harbor Supplies', owner_id: t.userIds.sales })).json().id;
});
afterAll(async () => {
  pinClock(null);
  await t.close();
});

async function dealWithMeeting() {
  const api = t.as('sales');
  const deal = (await api('POST', '/api/v1/deals', { account_id: accountId, title: 'Fleet renewal', value: 5000 })).json();
  const meeting = await api('POST', '/api/v1/touches', {
    account_id: accountId,
    deal_id: deal.id,
    kind: 'meeting',
    subject: 'Demo at their office',
    due_at: '2026-05-11T10:00:00Z',
  });
  expect(meeting.statusCode).toBe(201);
  return { dealId: deal.id as string, meetingId: meeting.json().id as string };
}

const countRows = async (table: 'touches' | 'events') =>
  (await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

describe('next step, always', () => {
  it('refuses to complete a meeting on an open deal without a next step, and stores nothing', async () => {
    const { meetingId } = await dealWithMeeting();
    const [touchesBefore, eventsBefore] = [await countRows('touches'), await countRows('events')];
    const res = await t.as('sales')('POST', `/api/v1/touches/${meetingId}/complete`, { outcome: 'Went well' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'unprocessable', field: 'next_step' });
    const touch = await t.db.selectFrom('touches').select('status').where('id', '=', meetingId).executeTakeFirstOrThrow();
    expect(touch.status).toBe('planned');
    expect([await countRows('touches'), await countRows('events')]).toEqual([touchesBefore, eventsBefore]);
  });

  it('completes with a next step: the meeting is done and the next step is planned on the deal', async () => {
    const { dealId, meetingId } = await dealWithMeeting();
    const res = await t.as('sales')('POST', `/api/v1/touches/${meetingId}/complete`, {
      outcome: 'They want a quote',
      next_step: { kind: 'email', subject: 'Send the quote', assignee_id: t.userIds.sales, due_at: '2026-05-13T09:00:00Z' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().touch).toMatchObject({ status: 'done', outcome: 'They want a quote' });
    expect(res.json().next_step).toMatchObject({ status: 'planned', kind: 'email', deal_id: dealId });
    const deal = (await t.as('sales')('GET', `/api/v1/deals/${dealId}`)).json();
    expect(deal.next_step).toMatchObject({ subject: 'Send the quote' });
    expect(deal.stalled).toBe(false);
  });

  it('completes by winning the deal instead', async () => {
    const { dealId, meetingId } = await dealWithMeeting();
    const res = await t.as('sales')('POST', `/api/v1/touches/${meetingId}/complete`, { deal_outcome: { status: 'won' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().deal).toMatchObject({ id: dealId, status: 'won' });
  });

  it('names the nested field when the next step is incomplete', async () => {
    const { meetingId } = await dealWithMeeting();
    const res = await t.as('sales')('POST', `/api/v1/touches/${meetingId}/complete`, {
      next_step: { kind: 'call', assignee_id: t.userIds.sales },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('next_step.due_at');
  });

  it('logs a call that happened, under the same rule', async () => {
    const { dealId } = await dealWithMeeting();
    const refused = await t.as('sales')('POST', '/api/v1/touches/log', { account_id: accountId, deal_id: dealId, kind: 'call', subject: 'Quick call' });
    expect(refused.statusCode).toBe(422);
    const logged = await t.as('sales')('POST', '/api/v1/touches/log', {
      account_id: accountId,
      deal_id: dealId,
      kind: 'call',
      subject: 'Quick call',
      next_step: { kind: 'meeting', assignee_id: t.userIds.sales, due_at: '2026-05-20T09:00:00Z' },
    });
    expect(logged.statusCode).toBe(201);
    expect(logged.json().touch.status).toBe('done');
  });

  it('a note or a touch without a deal needs no next step; skip and reschedule work', async () => {
    const api = t.as('sales');
    const call = (await api('POST', '/api/v1/touches', { account_id: accountId, kind: 'call', subject: 'Courtesy call', due_at: '2026-05-12T09:00:00Z' })).json();
    const moved = await api('PATCH', `/api/v1/touches/${call.id}`, { due_at: '2026-05-14T09:00:00Z' });
    expect(new Date(moved.json().due_at).toISOString()).toBe('2026-05-14T09:00:00.000Z');
    const done = await api('POST', `/api/v1/touches/${call.id}/complete`, { outcome: 'All fine' });
    expect(done.statusCode).toBe(200);
    const twice = await api('POST', `/api/v1/touches/${call.id}/complete`, {});
    expect(twice.statusCode).toBe(409);
    const other = (await api('POST', '/api/v1/touches', { account_id: accountId, kind: 'card', subject: 'Thank-you card', due_at: '2026-05-12T09:00:00Z' })).json();
    const skipped = await api('POST', `/api/v1/touches/${other.id}/skip`, { reason: 'Moved away' });
    expect(skipped.json()).toMatchObject({ status: 'skipped', outcome: 'Moved away' });
  });

  it('refuses to log a touch dated in the future, storing nothing', async () => {
    const before = await countRows('touches');
    const res = await t.as('sales')('POST', '/api/v1/touches/log', { account_id: accountId, kind: 'note', subject: 'From tomorrow', done_at: '2026-05-12T08:00:00Z' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.field).toBe('done_at');
    expect(await countRows('touches')).toBe(before);
  });

  it('refuses a due date that is no real day instead of rolling it over or reading null as 1970', async () => {
    const before = await countRows('touches');
    for (const dueAt of ['2027-02-30T09:00:00Z', null, true, '+275760-09-13T00:00:00Z', '1/2/2027']) {
      const res = await t.as('sales')('POST', '/api/v1/touches', { account_id: accountId, kind: 'call', subject: 'Check in', due_at: dueAt });
      expect(res.statusCode, String(dueAt)).toBe(400);
      expect(res.json().error.field).toBe('due_at');
    }
    expect(await countRows('touches')).toBe(before);
  });

  it('refuses a contact or deal from another account, naming the field', async () => {
    const otherAccount = (await t.as('sales')('POST', '/api/v1/accounts', { name: 'Elsewhere Ltd' })).json();
    const { dealId } = await dealWithMeeting();
    const res = await t.as('sales')('POST', '/api/v1/touches', {
      account_id: otherAccount.id,
      deal_id: dealId,
      kind: 'call',
      subject: 'Wrong account',
      due_at: '2026-05-12T09:00:00Z',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.field).toBe('deal_id');
  });
});
