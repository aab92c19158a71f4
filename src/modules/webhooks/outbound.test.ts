import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpReceiver, startHttpReceiver } from '../../../tests/helpers/http-receiver.ts';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { now, pinClock } from '../../platform/clock.ts';
import { pendingEvents } from '../../platform/event-cursor.ts';
import { queueWebhookDeliveries } from './queue-deliveries.ts';
import { type DeliveryPolicy, defaultDeliveryPolicy, sendDueDeliveries } from './send-deliveries.ts';
import { verifySignedPayload } from './signatures.ts';

let t: TestApp;
let receiver: HttpReceiver;
let accountId: string;
beforeAll(async () => {
  pinClock('2026-06-01T10:00:00Z');
  t = await startTestApp();
  receiver = await startHttpReceiver();
  accountId = (await t.as('sales')('POST', '/api/v1/accounts', { name: 'Hook Line Oy' })).json().id;
  await queueAll();
});
afterAll(async () => {
  pinClock(null);
  await receiver.close();
  await t.close();
});

/** Reads every event into deliveries; on a shared server another test's open transaction may hold a few back briefly. */
async function queueAll() {
  for (let i = 0; i < 200 && (await pendingEvents(t.db, 'webhooks')) > 0; i++) {
    if ((await queueWebhookDeliveries(t.db)) === 0) await new Promise((r) => setTimeout(r, 25));
  }
}

const advance = (seconds: number) => pinClock(new Date(now().getTime() + seconds * 1000));
const placeOrder = (number: string) => t.as('sales')('POST', '/api/v1/orders', { account_id: accountId, number, lines: [{ description: 'Rope', quantity: 1, unit_price: 12 }] });

async function subscribe(url: string, eventTypes: string[]) {
  const res = await t.as('manager')('POST', '/api/v1/webhooks/subscriptions', { url, event_types: eventTypes, description: 'ERP' });
  expect(res.statusCode).toBe(201);
  return res.json<{ id: string; secret: string }>();
}

describe('outbound webhooks', () => {
  it('delivers subscribed events signed with the subscription secret, and nothing else', async () => {
    const subscription = await subscribe(receiver.url, ['order.placed', 'deal.won']);
    expect((await placeOrder('H-1')).statusCode).toBe(201);
    await queueAll();
    expect(await sendDueDeliveries(t.db)).toBe(1);
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    expect(request?.headers['x-afterclose-event']).toBe('order.placed');
    const signature = String(request?.headers['x-afterclose-signature']);
    expect(verifySignedPayload(subscription.secret, signature, request?.body ?? Buffer.alloc(0), Math.floor(now().getTime() / 1000))).toBe(true);
    expect(verifySignedPayload('another-secret', signature, request?.body ?? Buffer.alloc(0), Math.floor(now().getTime() / 1000))).toBe(false);
    expect(JSON.parse(String(request?.body))).toMatchObject({ type: 'order.placed', account_id: accountId, data: { number: 'H-1', total: 12 } });
    await queueAll();
    expect(await sendDueDeliveries(t.db)).toBe(0);
    await t.as('manager')('DELETE', `/api/v1/webhooks/subscriptions/${subscription.id}`);
  });

  it('retries a failed delivery with exponential backoff and shows it in the delivery log', async () => {
    receiver.received.length = 0;
    const subscription = await subscribe(receiver.url, ['order.placed']);
    receiver.answers.push(500, 503);
    await placeOrder('H-2');
    await queueAll();
    expect(await sendDueDeliveries(t.db)).toBe(1);
    expect(await sendDueDeliveries(t.db)).toBe(0);
    advance(31);
    expect(await sendDueDeliveries(t.db)).toBe(1);
    advance(31);
    expect(await sendDueDeliveries(t.db)).toBe(0);
    advance(30);
    expect(await sendDueDeliveries(t.db)).toBe(1);
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.headers['x-afterclose-delivery'])).size).toBe(1);
    const log = (await t.as('manager')('GET', `/api/v1/webhooks/subscriptions/${subscription.id}/deliveries`)).json();
    expect(log.items).toEqual([expect.objectContaining({ event_type: 'order.placed', status: 'delivered', attempts: 3, last_status: 204, last_error: null })]);
    expect((await t.as('sales')('GET', `/api/v1/webhooks/subscriptions/${subscription.id}/deliveries`)).statusCode).toBe(403);
    await t.as('manager')('DELETE', `/api/v1/webhooks/subscriptions/${subscription.id}`);
  });

  it('disables a subscription whose receiver keeps failing, and sends no more to it', async () => {
    const closed = await startHttpReceiver();
    await closed.close();
    const subscription = await subscribe(closed.url, ['*']);
    const policy: DeliveryPolicy = { ...defaultDeliveryPolicy, disableAfterFailures: 3, firstRetrySeconds: 1 };
    await placeOrder('H-3');
    await queueAll();
    let attempts = 0;
    for (let round = 0; round < 5; round++) {
      attempts += await sendDueDeliveries(t.db, policy);
      advance(3600);
    }
    expect(attempts).toBe(3);
    const stored = (await t.as('manager')('GET', '/api/v1/webhooks/subscriptions')).json().items.find((s: { id: string }) => s.id === subscription.id);
    expect(stored).toMatchObject({ active: false, consecutive_failures: 3 });
    expect(stored.disabled_reason).toMatch(/^disabled after 3 failed deliveries in a row; last: /);
    // Said once, when the limit is crossed: the bell tells managers (src/modules/notifications).
    const said = await t.db.selectFrom('events').select('payload').where('type', '=', 'webhook.disabled').where('subject_id', '=', subscription.id).execute();
    expect(said).toEqual([{ payload: { url: closed.url, reason: stored.disabled_reason } }]);
    const enabled = await t.as('manager')('PATCH', `/api/v1/webhooks/subscriptions/${subscription.id}`, { active: true, url: receiver.url });
    expect(enabled.json()).toMatchObject({ active: true, consecutive_failures: 0, disabled_reason: null });
    expect(await sendDueDeliveries(t.db, policy)).toBeGreaterThan(0);
  });
});
