import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainPlaybookEvents } from '../../../tests/helpers/playbook-events.ts';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { appSecret } from '../customer-links/index.ts';
import { raiseLateOrderAlerts } from './late-orders.ts';

let t: TestApp;
let accountId: string;
// Friday 4 December 2026, 16:00 in New York; late from Wednesday 9 December, 00:00 there.
const fridayAfternoon = '2026-12-04T21:00:00Z';
const wednesdayMidnight = new Date('2026-12-09T05:00:00Z');

beforeAll(async () => {
  t = await startTestApp();
  await t.db.updateTable('users').set({ time_zone: 'America/New_York' }).where('id', '=', t.userIds.service).execute();
  accountId = (await t.as('sales')('POST', '/api/v1/accounts', { name: 'Lighthouse Bakery', owner_id: t.userIds.sales })).json().id;
  await t.db.updateTable('accounts').set({ service_owner_id: t.userIds.service }).where('id', '=', accountId).execute();
  await t.as('sales')('POST', '/api/v1/contacts', { account_id: accountId, name: 'Lena Baker', email: 'lena@lighthouse.test' });
});
afterAll(async () => {
  await t.close();
});

const links = async () => ({ publicUrl: 'http://app.test', secret: await appSecret(t.db) });

async function placeOrder() {
  const res = await t.as('sales')('POST', '/api/v1/orders', { account_id: accountId, placed_at: fridayAfternoon, lines: [{ description: 'Proofing baskets', unit_price: 12, quantity: 6 }] });
  return res.json() as { id: string; number: string };
}

const delayNotes = (number: string) =>
  t.db.selectFrom('messages').select(['to_email', 'subject', 'body_text', 'reply_as']).where('account_id', '=', accountId).where('subject', 'like', `%${number}%taking longer%`).execute();

describe('the delay note', () => {
  it('tells the contact the day the service owner expects, signed by them, once even with two workers', async () => {
    const order = await placeOrder();
    const set = await t.as('service')('PATCH', `/api/v1/orders/${order.id}/expected-shipping`, { expected_ship_on: '2026-12-14' });
    expect(set.statusCode).toBe(200);
    expect((await t.as('service')('PATCH', `/api/v1/orders/${order.id}/expected-shipping`, { expected_ship_on: 'next week' })).body).toContain('expected_ship_on');
    await Promise.all([raiseLateOrderAlerts(t.db, wednesdayMidnight), raiseLateOrderAlerts(t.db, wednesdayMidnight)]);
    await Promise.all([drainPlaybookEvents(t.db, await links()), drainPlaybookEvents(t.db, await links())]);
    await raiseLateOrderAlerts(t.db, new Date('2026-12-09T12:00:00Z'));
    await drainPlaybookEvents(t.db, await links());
    const notes = await delayNotes(order.number);
    expect(notes).toHaveLength(1);
    const serviceOwner = await t.db.selectFrom('users').select('name').where('id', '=', t.userIds.service).executeTakeFirstOrThrow();
    expect(notes[0]).toMatchObject({ to_email: 'lena@lighthouse.test', reply_as: 'service_owner' });
    expect(notes[0]?.body_text).toContain('We now expect to ship it by Monday 14 December');
    expect(notes[0]?.body_text).toContain(`Kind regards,\n${serviceOwner.name}`);
  });

  it('takes a new date only for an order still waiting, and not before it was placed', async () => {
    const order = await placeOrder();
    const early = await t.as('service')('PATCH', `/api/v1/orders/${order.id}/expected-shipping`, { expected_ship_on: '2026-12-01' });
    expect(early.statusCode).toBe(422);
    expect(early.json().error).toMatchObject({ field: 'expected_ship_on', message: `Order ${order.number} cannot ship before it was placed` });
    await t.db.updateTable('orders').set({ status: 'shipped', shipped_at: new Date('2026-12-07T10:00:00Z') }).where('id', '=', order.id).execute();
    const shipped = await t.as('service')('PATCH', `/api/v1/orders/${order.id}/expected-shipping`, { expected_ship_on: '2026-12-14' });
    expect(shipped.statusCode).toBe(409);
    const row = await t.db.selectFrom('orders').select('expected_ship_on').where('id', '=', order.id).executeTakeFirstOrThrow();
    expect(row.expected_ship_on).toBeNull();
  });

  it('expects two more working days when nobody gave a date', async () => {
    const order = await placeOrder();
    await raiseLateOrderAlerts(t.db, wednesdayMidnight);
    await drainPlaybookEvents(t.db, await links());
    const notes = await delayNotes(order.number);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.body_text).toContain('We now expect to ship it by Friday 11 December');
  });

  it('is an editable playbook that is on by default', async () => {
    const playbooks = (await t.as('manager')('GET', '/api/v1/playbooks')).json() as { items: { trigger: string; enabled: boolean }[] };
    expect(playbooks.items.find((p) => p.trigger === 'order_late')).toMatchObject({ enabled: true });
  });
});
