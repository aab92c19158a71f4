import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { pinClock } from '../../platform/clock.ts';

let t: TestApp;
let accountId: string;
beforeAll(async () => {
  pinClock('2026-03-02T09:00:00Z');
  t = await startTestApp();
  const res = await t.as('sales')('POST', '/api/v1/accounts', { name: 'Nordwind GmbH', owner_id: t.userIds.sales });
  accountId = res.json().id;
});
afterAll(async () => {
  pinClock(null);
  await t.close();
});

async function createDeal(title: string, nextStepDue?: string) {
  const res = await t.as('sales')('POST', '/api/v1/deals', {
    account_id: accountId,
    title,
    value: 12000,
    stage: 'proposal',
    ...(nextStepDue ? { next_step: { kind: 'call', assignee_id: t.userIds.sales, due_at: nextStepDue } } : {}),
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

describe('deals and the stalled list', () => {
  it('flags deals with no next step or an overdue one, with days stalled', async () => {
    const healthy = await createDeal('Healthy', '2026-03-05T10:00:00Z');
    const overdue = await createDeal('Overdue', '2026-03-03T10:00:00Z');
    const none = await createDeal('No step');
    pinClock('2026-03-08T10:00:00Z');

    const stalled = (await t.as('manager')('GET', '/api/v1/deals/stalled')).json();
    const byId = new Map(stalled.items.map((d: { id: string }) => [d.id, d]));
    expect(byId.has(healthy)).toBe(true);
    expect(byId.get(overdue)).toMatchObject({ stalled: true, days_stalled: 5, next_step: { kind: 'call' } });
    expect(byId.get(none)).toMatchObject({ stalled: true, days_stalled: 6, next_step: null });
    expect(stalled.items[0].id).toBe(none);

    pinClock('2026-03-03T09:00:00Z');
    const early = (await t.as('manager')('GET', '/api/v1/deals/stalled')).json();
    expect(early.items.map((d: { id: string }) => d.id)).toEqual([none]);
    const board = (await t.as('sales')('GET', `/api/v1/deals?status=open&account_id=${accountId}`)).json();
    const healthyCard = board.items.find((d: { id: string }) => d.id === healthy);
    expect(healthyCard).toMatchObject({ stalled: false, days_stalled: null, next_step: { assignee_name: 'Sam Sales' } });
  });

  it('follows its next step as touches are snoozed and done, in the request that changes them', async () => {
    pinClock('2026-03-10T09:00:00Z');
    const id = await createDeal('Follows its step', '2026-03-11T10:00:00Z');
    const step = await t.db.selectFrom('touches').select('id').where('deal_id', '=', id).executeTakeFirstOrThrow();
    const stalledIds = async () => (await t.as('manager')('GET', '/api/v1/deals/stalled?limit=200')).json().items.map((d: { id: string }) => d.id);

    pinClock('2026-03-13T09:00:00Z');
    expect(await stalledIds()).toContain(id);
    expect((await t.as('sales')('POST', `/api/v1/touches/${step.id}/snooze`, { days: 3 })).statusCode).toBe(200);
    expect(await stalledIds()).not.toContain(id);

    const next = { kind: 'meeting', assignee_id: t.userIds.sales, due_at: '2026-03-20T10:00:00Z' };
    const done = await t.as('sales')('POST', `/api/v1/touches/${step.id}/complete`, { outcome: 'Spoke to the buyer', next_step: next });
    expect(done.statusCode).toBe(200);
    expect(await stalledIds()).not.toContain(id);
    pinClock('2026-03-22T11:00:00Z');
    const deal = (await t.as('sales')('GET', `/api/v1/deals/${id}`)).json();
    expect(deal).toMatchObject({ stalled: true, days_stalled: 2, next_step: { kind: 'meeting' } });
    expect(await stalledIds()).toContain(id);
  });

  it('winning a deal makes the account a customer, cancels its planned steps and records deal.won', async () => {
    pinClock('2026-03-04T09:00:00Z');
    const id = await createDeal('To win', '2026-03-10T10:00:00Z');
    const won = await t.as('sales')('POST', `/api/v1/deals/${id}/win`);
    expect(won.statusCode).toBe(200);
    expect(won.json()).toMatchObject({ status: 'won' });
    const account = await t.db.selectFrom('accounts').select('lifecycle').where('id', '=', accountId).executeTakeFirstOrThrow();
    expect(account.lifecycle).toBe('customer');
    const planned = await t.db.selectFrom('touches').select('status').where('deal_id', '=', id).execute();
    expect(planned.map((p) => p.status)).toEqual(['cancelled']);
    const events = await t.db.selectFrom('events').select('type').where('subject_id', '=', id).execute();
    expect(events.map((e) => e.type)).toEqual(['deal.created', 'deal.won']);
    const again = await t.as('sales')('POST', `/api/v1/deals/${id}/win`);
    expect(again.statusCode).toBe(409);
  });

  it('refuses a next step in the past and an unknown owner, storing nothing', async () => {
    pinClock('2026-03-04T09:00:00Z');
    const before = await t.db.selectFrom('deals').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const past = await t.as('sales')('POST', '/api/v1/deals', {
      account_id: accountId,
      title: 'Past',
      next_step: { kind: 'call', assignee_id: t.userIds.sales, due_at: '2026-03-01T00:00:00Z' },
    });
    expect(past.statusCode).toBe(422);
    expect(past.json().error.field).toBe('next_step.due_at');
    const owner = await t.as('sales')('POST', '/api/v1/deals', {
      account_id: accountId,
      title: 'Ghost owner',
      owner_id: '00000000-0000-4000-8000-000000000000',
    });
    expect(owner.statusCode).toBe(422);
    expect(owner.json().error.field).toBe('owner_id');
    const after = await t.db.selectFrom('deals').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('refuses an expected close day that is no real day of 1900–2999, naming it, storing nothing', async () => {
    const before = await t.db.selectFrom('deals').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    for (const day of ['0000-01-01', '2027-02-30', '9999-12-31', '2027-01-01T00:00:00Z']) {
      const res = await t.as('sales')('POST', '/api/v1/deals', { account_id: accountId, title: 'Someday', value: 10, expected_close_on: day });
      expect(res.statusCode, day).toBe(400);
      expect(res.json().error.field).toBe('expected_close_on');
    }
    const after = await t.db.selectFrom('deals').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('records a stage change as an event', async () => {
    const id = await createDeal('Moving', '2026-03-10T10:00:00Z');
    const res = await t.as('sales')('PATCH', `/api/v1/deals/${id}`, { stage: 'negotiation' });
    expect(res.json().stage).toBe('negotiation');
    const event = await t.db.selectFrom('events').select('payload').where('subject_id', '=', id).where('type', '=', 'deal.stage_changed').executeTakeFirstOrThrow();
    expect(event.payload).toEqual({ from: 'proposal', to: 'negotiation' });
  });

  it('lets managers delete a deal entered by mistake, with its touches', async () => {
    const id = await createDeal('Mistake', '2026-03-10T10:00:00Z');
    expect((await t.as('sales')('DELETE', `/api/v1/deals/${id}`)).statusCode).toBe(403);
    expect((await t.as('manager')('DELETE', `/api/v1/deals/${id}`)).statusCode).toBe(204);
    expect((await t.as('manager')('GET', `/api/v1/deals/${id}`)).statusCode).toBe(404);
    const touches = await t.db.selectFrom('touches').select('id').where('deal_id', '=', id).execute();
    expect(touches).toEqual([]);
  });
});
