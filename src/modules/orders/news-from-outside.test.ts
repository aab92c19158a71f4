import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainPlaybookEvents } from '../../../tests/helpers/playbook-events.ts';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { addDays, now } from '../../platform/clock.ts';
import { appSecret } from '../customer-links/index.ts';
import { importOptions, runImport } from '../imports/index.ts';
import { signPayload } from '../webhooks/index.ts';
import { raiseLateOrderAlerts } from './late-orders.ts';

// Shipments and deliveries that arrive by an order webhook or a CSV import, not the API: they stamp
// the order as the API does, close its late-order alerts and start the first-delivery follow-up.
let t: TestApp;
let integration: { url: string; secret: string };

beforeAll(async () => {
  t = await startTestApp();
  const kit = await t.as('manager')('POST', '/api/v1/products', { sku: 'KIT', name: 'Sourdough starter kit', price: 20, getting_started_url: 'https://bakery.example/start' });
  expect(kit.statusCode).toBe(201);
  integration = (await t.as('admin')('POST', '/api/v1/webhooks/integrations', { name: 'shop', format: 'afterclose' })).json();
});
afterAll(async () => {
  await t.close();
});

const links = async () => ({ publicUrl: 'http://app.test', secret: await appSecret(t.db) });

/** A customer known to the shop by `ref`, with a service owner and a contact to email. */
async function customer(ref: string) {
  const id = (await t.as('sales')('POST', '/api/v1/accounts', { name: `Bakery ${ref}`, owner_id: t.userIds.sales, external_id: ref })).json().id as string;
  await t.db.updateTable('accounts').set({ service_owner_id: t.userIds.service }).where('id', '=', id).execute();
  await t.as('sales')('POST', '/api/v1/contacts', { account_id: id, name: `Buyer ${ref}`, email: `${ref}@example.test` });
  return id;
}

async function webhook(order: { number: string; placed_at: string; status: string; ref: string }) {
  const body = JSON.stringify({
    id: `shop-${order.number}`, number: order.number, placed_at: order.placed_at, status: order.status,
    customer: { external_id: order.ref }, lines: [{ sku: 'KIT', description: 'Starter kit', quantity: 1, unit_price: 20 }],
  });
  const signature = signPayload(integration.secret, body, Math.floor(now().getTime() / 1000));
  const res = await t.app.inject({ method: 'POST', url: integration.url, headers: { 'content-type': 'application/json', 'x-afterclose-signature': signature }, payload: body });
  expect(res.statusCode).toBeLessThan(300);
  return res.json() as { outcome: string; order_id: string };
}

type CsvOrder = { number: string; ref: string; placed_at: string; status: string; shipped_at?: string; delivered_at?: string };
const importCsv = (orders: CsvOrder[]) => {
  const rows = orders.map((o) => [o.number, o.ref, o.placed_at, o.status, o.shipped_at ?? '', o.delivered_at ?? '', 'KIT', 'Starter kit', '1', '20'].join(','));
  const csv = ['order_number,account_external_id,placed_at,status,shipped_at,delivered_at,sku,description,quantity,unit_price', ...rows].join('\n');
  return runImport(t.db, { source: Readable.from([Buffer.from(csv)]), fileName: 'orders.csv', options: importOptions.parse({ kind: 'orders' }), startedBy: null });
};

const orderRow = (number: string) =>
  t.db.selectFrom('orders').select(['id', 'status', 'shipped_at', 'delivered_at', 'ship_by']).where('number', '=', number).executeTakeFirstOrThrow();
const eventsOf = (orderId: string, type: string) => t.db.selectFrom('events').select('payload').where('subject_id', '=', orderId).where('type', '=', type).execute();
const guideMails = (accountId: string) =>
  t.db.selectFrom('messages').select(['to_email', 'body_text']).where('account_id', '=', accountId).where('subject', 'like', 'Did your order%arrive well?').execute();
const alertTouches = (orderId: string) =>
  t.db
    .selectFrom('order_alerts')
    .innerJoin('touches', (j) => j.onRef('touches.account_id', '=', 'order_alerts.account_id').onRef('touches.id', '=', 'order_alerts.touch_id'))
    .select(['order_alerts.level', 'touches.status'])
    .where('order_alerts.order_id', '=', orderId)
    .execute();

/** Raises the late-order alert an hour after the order's deadline, as the worker's tick would. */
async function lateOrder(number: string) {
  const order = await orderRow(number);
  const shipBy = order.ship_by ?? new Date(0);
  expect((await raiseLateOrderAlerts(t.db, new Date(shipBy.getTime() + 3_600_000))).raised).toBe(1);
  expect(await alertTouches(order.id)).toEqual([{ level: 'late', status: 'planned' }]);
  return order.id;
}

const recently = () => addDays(now(), -3).toISOString();

describe('a delivery reported by an order webhook', () => {
  it('stamps delivered_at when it arrives and sends the first-delivery guide once, however often it is reported', async () => {
    const accountId = await customer('wh-deliver');
    const placed = await webhook({ number: 'WD-1', placed_at: recently(), status: 'placed', ref: 'wh-deliver' });
    expect(placed.outcome).toBe('created');
    const before = now();
    expect(await webhook({ number: 'WD-1', placed_at: recently(), status: 'delivered', ref: 'wh-deliver' })).toMatchObject({ outcome: 'updated', order_id: placed.order_id });
    const order = await orderRow('WD-1');
    expect(order.status).toBe('delivered');
    expect(order.delivered_at?.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    expect(order.delivered_at?.getTime()).toBeLessThanOrEqual(now().getTime());
    // The same delivery pushed again changes nothing.
    expect((await webhook({ number: 'WD-1', placed_at: recently(), status: 'delivered', ref: 'wh-deliver' })).outcome).toBe('unchanged');
    expect(await eventsOf(placed.order_id, 'order.delivered')).toHaveLength(1);
    await drainPlaybookEvents(t.db, await links());
    const mails = await guideMails(accountId);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to_email: 'wh-deliver@example.test' });
    expect(mails[0]?.body_text).toContain('https://bakery.example/start');
  });

  it('closes the late-order alert when the shipment arrives, stamping shipped_at with the time it arrived', async () => {
    await customer('wh-ship');
    const placed = await webhook({ number: 'WS-1', placed_at: addDays(now(), -10).toISOString(), status: 'placed', ref: 'wh-ship' });
    const orderId = await lateOrder('WS-1');
    expect(orderId).toBe(placed.order_id);
    const before = now();
    await webhook({ number: 'WS-1', placed_at: addDays(now(), -10).toISOString(), status: 'shipped', ref: 'wh-ship' });
    const order = await orderRow('WS-1');
    expect(order.status).toBe('shipped');
    expect(order.shipped_at?.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    expect(await alertTouches(orderId)).toEqual([{ level: 'late', status: 'cancelled' }]);
    expect(await eventsOf(orderId, 'order.shipped')).toHaveLength(1);
  });
});

describe('a delivery reported by a CSV import', () => {
  it('takes the delivery date from the file and sends the first-delivery guide once, however often the file is imported', async () => {
    const accountId = await customer('csv-deliver');
    const placedAt = recently();
    expect(await importCsv([{ number: 'CD-1', ref: 'csv-deliver', placed_at: placedAt, status: 'placed' }])).toMatchObject({ inserted: 1 });
    const deliveredAt = addDays(now(), -1).toISOString();
    const file = [{ number: 'CD-1', ref: 'csv-deliver', placed_at: placedAt, status: 'delivered', delivered_at: deliveredAt }];
    expect(await importCsv(file)).toMatchObject({ updated: 1, failed: 0 });
    expect(await importCsv(file)).toMatchObject({ updated: 0, skipped: 1 });
    const order = await orderRow('CD-1');
    expect(order.status).toBe('delivered');
    expect(order.delivered_at?.toISOString()).toBe(deliveredAt);
    expect((await eventsOf(order.id, 'order.delivered')).map((e) => e.payload)).toEqual([{ number: 'CD-1', source: 'import', delivered_at: deliveredAt }]);
    await drainPlaybookEvents(t.db, await links());
    expect(await guideMails(accountId)).toHaveLength(1);
  });

  it('follows up a first order that arrives already delivered, but not one delivered long ago', async () => {
    const fresh = await customer('csv-new');
    const old = await customer('csv-old');
    const before = now();
    const report = await importCsv([
      { number: 'CN-1', ref: 'csv-new', placed_at: recently(), status: 'delivered' },
      { number: 'CO-1', ref: 'csv-old', placed_at: '2025-01-10T10:00:00.000Z', status: 'delivered' },
    ]);
    expect(report).toMatchObject({ inserted: 2, failed: 0 });
    for (const number of ['CN-1', 'CO-1']) {
      const order = await orderRow(number);
      // The file gives no delivery date: the order is stamped when we learn of it, as by the API.
      expect(order.delivered_at?.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
      expect(await eventsOf(order.id, 'order.delivered')).toHaveLength(1);
    }
    await drainPlaybookEvents(t.db, await links());
    expect(await guideMails(fresh)).toHaveLength(1);
    expect(await guideMails(old)).toHaveLength(0);
  });

  it('closes the late-order alert when the shipment arrives, in the import that records it', async () => {
    await customer('csv-ship');
    const placedAt = addDays(now(), -10).toISOString();
    await importCsv([{ number: 'CS-1', ref: 'csv-ship', placed_at: placedAt, status: 'placed' }]);
    const orderId = await lateOrder('CS-1');
    const shippedAt = addDays(now(), -1).toISOString();
    expect(await importCsv([{ number: 'CS-1', ref: 'csv-ship', placed_at: placedAt, status: 'shipped', shipped_at: shippedAt }])).toMatchObject({ updated: 1 });
    const order = await orderRow('CS-1');
    expect(order).toMatchObject({ status: 'shipped', delivered_at: null });
    expect(order.shipped_at?.toISOString()).toBe(shippedAt);
    expect(await alertTouches(orderId)).toEqual([{ level: 'late', status: 'cancelled' }]);
    // Raising again finds nothing: the order is no longer waiting to ship.
    expect((await raiseLateOrderAlerts(t.db, addDays(now(), 1))).raised).toBe(0);
  });
});
