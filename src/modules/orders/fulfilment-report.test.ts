import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { pinClock } from '../../platform/clock.ts';

let t: TestApp;
let accountId: string;
let productId: string;
beforeAll(async () => {
  pinClock('2026-11-10T12:00:00Z');
  t = await startTestApp();
  await t.db.updateTable('users').set({ time_zone: 'UTC' }).execute();
  accountId = (await t.as('sales')('POST', '/api/v1/accounts', { name: 'Harbour Deli', owner_id: t.userIds.sales })).json().id;
  await t.db.updateTable('accounts').set({ service_owner_id: t.userIds.service }).where('id', '=', accountId).execute();
  productId = (await t.as('manager')('POST', '/api/v1/products', { sku: 'OIL', name: 'Olive oil', price: 9 })).json().id;
});
afterAll(async () => {
  pinClock(null);
  await t.close();
});

async function order(placed_at: string, shippedAfterHours?: number) {
  const { id, number } = (await t.as('sales')('POST', '/api/v1/orders', { account_id: accountId, placed_at, lines: [{ product_id: productId, description: 'Olive oil', quantity: 2 }] })).json() as { id: string; number: string };
  if (shippedAfterHours !== undefined) {
    const shipped_at = new Date(Date.parse(placed_at) + shippedAfterHours * 3_600_000);
    await t.db.updateTable('orders').set({ status: 'shipped', shipped_at }).where('id', '=', id).execute();
  }
  return { id, number };
}

describe('fulfilment analytics', () => {
  it('reports median and p90 order-to-ship hours and the share shipped within the promise, per week, product and person', async () => {
    // Placed Monday 10:00 with 2 working days: due by the end of Wednesday. The third ships Friday.
    await order('2026-11-02T10:00:00Z', 24);
    await order('2026-11-02T10:00:00Z', 48);
    await order('2026-11-02T10:00:00Z', 100);
    const res = await t.as('manager')('GET', '/api/v1/fulfilment/report?weeks=4');
    expect(res.statusCode).toBe(200);
    const expected = { shipped: 3, median_hours: 48, p90_hours: 89.6, within_promise_share: 0.667 };
    expect(res.json()).toEqual({
      weeks: [{ week_start: '2026-11-02', ...expected }],
      products: [{ product_id: productId, name: 'Olive oil', ...expected }],
      people: [{ user_id: t.userIds.service, name: expect.any(String), ...expected }],
    });
    expect((await t.as('manager')('GET', '/api/v1/fulfilment/report?weeks=100')).body).toContain('weeks');
    expect((await t.as('manager')('GET', '/api/v1/fulfilment/report?weeks=100')).statusCode).toBe(400);
  });

  it('lists unshipped orders past their ship-by date for managers, the longest overdue first, with who is responsible', async () => {
    const recent = await order('2026-11-04T09:00:00Z');
    const old = await order('2026-10-26T09:00:00Z');
    const cancelled = await order('2026-11-04T09:00:00Z');
    await t.as('service')('POST', `/api/v1/orders/${cancelled.id}/status`, { status: 'cancelled' });
    await order('2026-11-10T09:00:00Z');
    const res = await t.as('manager')('GET', '/api/v1/fulfilment/late-orders');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string; account_name: string; responsible_id: string; escalated: boolean; ship_by: string }[];
    expect(items.map((i) => [i.id, i.escalated])).toEqual([
      [old.id, true],
      [recent.id, false],
    ]);
    expect(items[1]).toMatchObject({ account_name: 'Harbour Deli', responsible_id: t.userIds.service, ship_by: '2026-11-07T00:00:00.000Z' });
    expect((await t.as('service')('GET', '/api/v1/fulfilment/late-orders')).statusCode).toBe(403);
  });
});
