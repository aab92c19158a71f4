import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { saveExternalOrder } from '../imports/index.ts';
import { lateOrdersQuery, raiseLateOrderAlerts } from './late-orders.ts';

let t: TestApp;
let accountId: string;
let productId: string;
// The service owner works in New York: the account's business calendar is theirs.
const zone = 'America/New_York';
// Friday 4 December 2026, 16:00 in New York.
const fridayAfternoon = '2026-12-04T21:00:00Z';
// Wednesday 9 December 2026, 00:00 in New York: the end of the second working day after Friday.
const wednesdayMidnight = '2026-12-09T05:00:00.000Z';

beforeAll(async () => {
  t = await startTestApp();
  await t.db.updateTable('users').set({ time_zone: zone }).where('id', '=', t.userIds.service).execute();
  accountId = (await t.as('sales')('POST', '/api/v1/accounts', { name: 'Harbor Roasters', owner_id: t.userIds.sales, external_id: 'harbor' })).json().id;
  await t.db.updateTable('accounts').set({ service_owner_id: t.userIds.service }).where('id', '=', accountId).execute();
  productId = (await t.as('manager')('POST', '/api/v1/products', { sku: 'GRINDER-X', name: 'Grinder X', price: 400 })).json().id;
});
afterAll(async () => {
  await t.close();
});

async function placeOrder(placedAt: string, accountIdToUse = accountId) {
  const res = await t.as('sales')('POST', '/api/v1/orders', { account_id: accountIdToUse, placed_at: placedAt, lines: [{ product_id: productId, quantity: 2 }] });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; number: string; ship_by: string; escalate_by: string };
}

const alertTouches = async (orderId: string) =>
  t.db
    .selectFrom('order_alerts')
    .innerJoin('touches', (j) => j.onRef('touches.account_id', '=', 'order_alerts.account_id').onRef('touches.id', '=', 'order_alerts.touch_id'))
    .select(['order_alerts.level', 'touches.status', 'touches.assignee_id', 'touches.due_at', 'touches.subject', 'touches.notes'])
    .where('order_alerts.order_id', '=', orderId)
    .orderBy('order_alerts.raised_at')
    .execute();

describe('fulfilment promise', () => {
  it('gives an order placed Friday 16:00 with a 2-working-day promise until Wednesday 00:00 of its calendar', async () => {
    const order = await placeOrder(fridayAfternoon);
    expect(new Date(order.ship_by).toISOString()).toBe(wednesdayMidnight);
    // Late by twice the promise: four more working days, the end of Monday 14 December.
    expect(new Date(order.escalate_by).toISOString()).toBe('2026-12-15T05:00:00.000Z');
  });

  it('lets a key account ship the same day, and a slow product lengthen the promise', async () => {
    expect((await t.as('manager')('PATCH', `/api/v1/fulfilment/accounts/${accountId}/promise`, { working_days: 0 })).statusCode).toBe(200);
    const sameDay = await placeOrder(fridayAfternoon);
    expect(new Date(sameDay.ship_by).toISOString()).toBe('2026-12-05T05:00:00.000Z');
    expect((await t.as('manager')('PATCH', `/api/v1/fulfilment/products/${productId}/promise`, { working_days: 3 })).statusCode).toBe(200);
    const slow = await placeOrder(fridayAfternoon);
    expect(new Date(slow.ship_by).toISOString()).toBe('2026-12-10T05:00:00.000Z');
    // Everyone can read which customers and products have a promise of their own, by name.
    const settings = (await t.as('sales')('GET', '/api/v1/fulfilment/settings')).json();
    expect(settings.customers).toEqual([{ account_id: accountId, name: expect.any(String), working_days: 0 }]);
    expect(settings.products).toEqual([{ product_id: productId, name: expect.any(String), working_days: 3 }]);
    await t.as('manager')('PATCH', `/api/v1/fulfilment/products/${productId}/promise`, { working_days: null });
    await t.as('manager')('PATCH', `/api/v1/fulfilment/accounts/${accountId}/promise`, { working_days: null });
    expect((await t.as('sales')('GET', '/api/v1/fulfilment/settings')).json()).toMatchObject({ customers: [], products: [] });
  });

  it('lets managers change the company promise, names the field when it is wrong, and refuses others', async () => {
    expect((await t.as('sales')('PATCH', '/api/v1/fulfilment/settings', { promise_working_days: 1 })).statusCode).toBe(403);
    const wrong = await t.as('manager')('PATCH', '/api/v1/fulfilment/settings', { promise_working_days: -1 });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('promise_working_days');
    const res = await t.as('manager')('PATCH', '/api/v1/fulfilment/settings', { promise_working_days: 3 });
    expect(res.json()).toMatchObject({ promise_working_days: 3, time_zone: 'UTC' });
    expect((await t.as('service')('GET', '/api/v1/fulfilment/settings')).json()).toMatchObject({ promise_working_days: 3 });
    await t.as('manager')('PATCH', '/api/v1/fulfilment/settings', { promise_working_days: 2 });
  });

  it('gives orders arriving by webhook or import their ship-by too', async () => {
    const saved = await saveExternalOrder(t.db, {
      order_number: 'WEB-1',
      account_external_id: 'harbor',
      placed_at: new Date(fridayAfternoon),
      status: 'placed',
      total: 10,
      currency: 'EUR',
      lines: [{ sku: null, description: 'Filters', quantity: 1, unit_price: 10 }],
    });
    const order = await t.db.selectFrom('orders').select('ship_by').where('id', '=', saved.order_id).executeTakeFirstOrThrow();
    expect(order.ship_by?.toISOString()).toBe(wednesdayMidnight);
  });
});

describe('late-order alerts', () => {
  it('is not late on Sunday, raises one task on Wednesday 00:00, one escalation later, and closes both when the order ships', async () => {
    await sql`update orders set status = 'shipped' where account_id = ${accountId}`.execute(t.db);
    const order = await placeOrder(fridayAfternoon);
    expect((await raiseLateOrderAlerts(t.db, new Date('2026-12-06T17:00:00Z'))).raised).toBe(0);
    expect((await raiseLateOrderAlerts(t.db, new Date('2026-12-09T04:59:00Z'))).raised).toBe(0);
    expect((await raiseLateOrderAlerts(t.db, new Date(wednesdayMidnight))).raised).toBe(1);
    expect((await raiseLateOrderAlerts(t.db, new Date('2026-12-09T12:00:00Z'))).raised).toBe(0);
    const [late] = await alertTouches(order.id);
    expect(late).toMatchObject({ level: 'late', status: 'planned', assignee_id: t.userIds.service });
    // Within one working hour of the service owner's day: 10:00 in New York.
    expect(late?.due_at?.toISOString()).toBe('2026-12-09T15:00:00.000Z');
    expect(late?.subject).toContain(order.number);
    expect(late?.notes).toContain('2 × Grinder X (GRINDER-X)');
    expect(late?.notes).toContain('Tuesday 8 December');

    expect((await raiseLateOrderAlerts(t.db, new Date('2026-12-15T05:00:00Z'))).raised).toBe(1);
    expect((await raiseLateOrderAlerts(t.db, new Date('2026-12-15T06:00:00Z'))).raised).toBe(0);
    const alerts = await alertTouches(order.id);
    expect(alerts.map((a) => [a.level, a.assignee_id])).toEqual([
      ['late', t.userIds.service],
      ['escalated', t.userIds.manager],
    ]);
    const events = await t.db.selectFrom('events').select('type').where('subject_id', '=', order.id).where('type', 'like', 'order.late%').orderBy('id').execute();
    expect(events.map((e) => e.type)).toEqual(['order.late', 'order.late_escalated']);
    const myDay = (await t.as('service')('GET', '/api/v1/me/day')).json();
    expect(JSON.stringify(myDay)).toContain(order.number);

    expect((await t.as('service')('POST', `/api/v1/orders/${order.id}/status`, { status: 'shipped' })).statusCode).toBe(200);
    expect((await alertTouches(order.id)).map((a) => a.status)).toEqual(['cancelled', 'cancelled']);
  });

  it('raises each alert once even when two workers look at the same moment', async () => {
    const order = await placeOrder(fridayAfternoon);
    const at = new Date('2026-12-15T05:00:00Z');
    const runs = await Promise.all([raiseLateOrderAlerts(t.db, at), raiseLateOrderAlerts(t.db, at), raiseLateOrderAlerts(t.db, at)]);
    expect(runs.reduce((n, r) => n + r.raised, 0)).toBe(2);
    expect((await alertTouches(order.id)).map((a) => a.level)).toEqual(['late', 'escalated']);
    await t.as('service')('POST', `/api/v1/orders/${order.id}/status`, { status: 'cancelled' });
  });

  it('raises nothing for a cancelled order', async () => {
    const order = await placeOrder(fridayAfternoon);
    await t.as('service')('POST', `/api/v1/orders/${order.id}/status`, { status: 'cancelled' });
    expect((await raiseLateOrderAlerts(t.db, new Date('2026-12-20T12:00:00Z'))).raised).toBe(0);
    expect(await alertTouches(order.id)).toEqual([]);
  });

  it('closes the alert when the shipment arrives by webhook, in the same write', async () => {
    const saved = await saveExternalOrder(t.db, {
      order_number: 'WEB-2', account_external_id: 'harbor', placed_at: new Date(fridayAfternoon), status: 'placed', total: 10, currency: 'EUR',
      lines: [{ sku: null, description: 'Filters', quantity: 1, unit_price: 10 }],
    });
    expect((await raiseLateOrderAlerts(t.db, new Date('2026-12-09T06:00:00Z'))).raised).toBe(1);
    await saveExternalOrder(t.db, {
      order_number: 'WEB-2', account_external_id: 'harbor', placed_at: new Date(fridayAfternoon), status: 'shipped', shipped_at: new Date('2026-12-09T07:00:00Z'),
      total: 10, currency: 'EUR', lines: [{ sku: null, description: 'Filters', quantity: 1, unit_price: 10 }],
    });
    expect((await alertTouches(saved.order_id)).map((a) => a.status)).toEqual(['cancelled']);
  });

  it('reads only unshipped orders by their deadline (the partial index)', async () => {
    await sql`
      insert into orders (account_id, number, status, placed_at, shipped_at, ship_by, total)
      select ${accountId}, 'BULK-' || g, case when g % 50 = 0 then 'placed' else 'shipped' end, now() - interval '10 days',
        case when g % 50 = 0 then null else now() end, now() - (g || ' minutes')::interval, 1
      from generate_series(1, 20000) g`.execute(t.db);
    await sql`analyze orders`.execute(t.db);
    // On Citus the plan is one task per shard, and a shard with no orders is rightly scanned as the
    // empty table it is: every task is shown, and the shard that holds the orders reads the index.
    const citus = process.env.TEST_DB === 'citus';
    const plan = await t.db.transaction().execute(async (trx) => {
      if (citus) await sql`set local citus.explain_all_tasks = on`.execute(trx);
      const { rows } = await sql<{ 'QUERY PLAN': string }>`explain ${lateOrdersQuery(new Date())}`.execute(trx);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('orders_unshipped_ship_by_idx');
    if (!citus) expect(plan).not.toContain('Seq Scan');
  });
});
