import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { pinClock } from '../../platform/clock.ts';

let t: TestApp;
let accountId: string;
beforeAll(async () => {
  pinClock('2026-03-02T09:00:00Z');
  t = await startTestApp();
  accountId = (await t.as('sales')('POST', '/api/v1/accounts', { name: 'Ostwind AG', owner_id: t.userIds.sales })).json().id;
});
afterAll(async () => {
  pinClock(null);
  await t.close();
});

const step = (due: string) => ({ kind: 'call', assignee_id: t.userIds.sales, due_at: due });

describe('moving a deal and its stage history', () => {
  it('refuses to move a deal with nothing planned unless the move brings its next step, planned in the same change', async () => {
    const deal = (await t.as('sales')('POST', '/api/v1/deals', { account_id: accountId, title: 'Kiln', value: 900, currency: 'USD' })).json();
    expect(deal.currency).toBe('USD');
    const bare = await t.as('sales')('PATCH', `/api/v1/deals/${deal.id}`, { stage: 'qualified' });
    expect(bare.statusCode).toBe(422);
    expect(bare.json().error.field).toBe('next_step');
    expect((await t.as('sales')('GET', `/api/v1/deals/${deal.id}`)).json().stage).toBe('lead');

    const past = await t.as('sales')('PATCH', `/api/v1/deals/${deal.id}`, { stage: 'qualified', next_step: step('2026-03-01T10:00:00Z') });
    expect(past.json().error.field).toBe('next_step.due_at');

    const moved = await t.as('sales')('PATCH', `/api/v1/deals/${deal.id}`, { stage: 'qualified', next_step: step('2026-03-04T10:00:00Z') });
    expect(moved.statusCode).toBe(200);
    const view = (await t.as('sales')('GET', `/api/v1/deals/${deal.id}`)).json();
    expect(view).toMatchObject({ stage: 'qualified', currency: 'USD', next_step: { kind: 'call', due_at: '2026-03-04T10:00:00.000Z' } });

    // With a step planned ahead, the next move needs nothing more.
    expect((await t.as('sales')('PATCH', `/api/v1/deals/${deal.id}`, { stage: 'proposal' })).statusCode).toBe(200);
  });

  it('lists the stages a deal went through, from the event log, ending with lost and its reason', async () => {
    const deal = (await t.as('sales')('POST', '/api/v1/deals', { account_id: accountId, title: 'Glaze', stage: 'qualified', next_step: step('2026-03-09T10:00:00Z') })).json();
    pinClock('2026-03-03T09:00:00Z');
    await t.as('sales')('PATCH', `/api/v1/deals/${deal.id}`, { stage: 'negotiation' });
    pinClock('2026-03-04T09:00:00Z');
    await t.as('sales')('POST', `/api/v1/deals/${deal.id}/lose`, { reason: 'Chose a local supplier' });
    const history = (await t.as('service')('GET', `/api/v1/deals/${deal.id}/stage-history`)).json();
    expect(history).toEqual([
      { stage: 'qualified', entered_at: '2026-03-02T09:00:00.000Z', by_name: 'Sam Sales' },
      { stage: 'negotiation', entered_at: '2026-03-03T09:00:00.000Z', by_name: 'Sam Sales' },
      { stage: 'lost', entered_at: '2026-03-04T09:00:00.000Z', by_name: 'Sam Sales' },
    ]);
    expect((await t.as('sales')('GET', `/api/v1/deals/${deal.id}`)).json()).toMatchObject({ status: 'lost', lost_reason: 'Chose a local supplier' });
    expect((await t.as('sales')('GET', '/api/v1/deals/00000000-0000-4000-8000-000000000000/stage-history')).statusCode).toBe(404);
  });
});
