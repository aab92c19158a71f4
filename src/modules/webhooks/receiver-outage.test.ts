import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpReceiver, startHttpReceiver } from '../../../tests/helpers/http-receiver.ts';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { now, pinClock } from '../../platform/clock.ts';
import { pendingEvents } from '../../platform/event-cursor.ts';
import { queueWebhookDeliveries } from './queue-deliveries.ts';
import { sendDueDeliveries } from './send-deliveries.ts';

// Fault suite: the webhook receiver is down (connection refused), then answers 503, then is back.
let t: TestApp;
let receiver: HttpReceiver | null = null;
let port: number;
let accountId: string;
const orders = 5;

beforeAll(async () => {
  pinClock('2026-11-02T09:00:00Z');
  t = await startTestApp();
  const probe = await startHttpReceiver();
  port = Number(new URL(probe.url).port);
  await probe.close();
  accountId = (await t.as('sales')('POST', '/api/v1/accounts', { name: 'Outage Oy' })).json().id;
  await queueAll();
});
afterAll(async () => {
  pinClock(null);
  await receiver?.close();
  await t.close();
});

/** Reads every event into deliveries; on a shared server another test's open transaction may hold a few back briefly. */
async function queueAll() {
  for (let i = 0; i < 200 && (await pendingEvents(t.db, 'webhooks')) > 0; i++) {
    if ((await queueWebhookDeliveries(t.db)) === 0) await new Promise((r) => setTimeout(r, 25));
  }
}

const advance = (seconds: number) => pinClock(new Date(now().getTime() + seconds * 1000));
const policy = { maxAttempts: 8, disableAfterFailures: 100, firstRetrySeconds: 30, timeoutMs: 2000 };
const deliveries = (subscriptionId: string) =>
  t.db.selectFrom('webhook_deliveries').select(['id', 'status', 'attempts', 'next_attempt_at']).where('subscription_id', '=', subscriptionId).orderBy('id').execute();

describe('webhook receiver down, then back', () => {
  // Proves: deliveries made while the receiver refuses connections, then answers 503, stay pending
  // with doubling back-off (30 s, 60 s, 120 s), and once it is back each event arrives exactly
  // once: one request per delivery id, one per order, none lost, none twice on later ticks.
  it('retries every delivery with back-off and delivers each exactly once when the receiver is back', async () => {
    const subscription = (
      await t.as('manager')('POST', '/api/v1/webhooks/subscriptions', { url: `http://127.0.0.1:${port}/hooks`, event_types: ['order.placed'], description: 'ERP' })
    ).json<{ id: string }>();
    for (let i = 0; i < orders; i++) {
      const placed = await t.as('sales')('POST', '/api/v1/orders', { account_id: accountId, number: `OUT-${i}`, lines: [{ description: 'Rope', quantity: 1, unit_price: 5 }] });
      expect(placed.statusCode).toBe(201);
    }
    await queueAll();

    // Down: connection refused.
    const first = now().getTime();
    expect(await sendDueDeliveries(t.db, policy)).toBe(orders);
    let rows = await deliveries(subscription.id);
    expect(rows.map((r) => [r.status, r.attempts, new Date(r.next_attempt_at).getTime() - first])).toEqual(rows.map(() => ['pending', 1, 30_000]));
    expect(await sendDueDeliveries(t.db, policy)).toBe(0);

    // Up but failing: 503 for every delivery of this round.
    receiver = await startHttpReceiver(port);
    receiver.answers.push(...Array.from({ length: orders }, () => 503));
    advance(31);
    const second = now().getTime();
    expect(await sendDueDeliveries(t.db, policy)).toBe(orders);
    rows = await deliveries(subscription.id);
    expect(rows.map((r) => [r.status, r.attempts, new Date(r.next_attempt_at).getTime() - second])).toEqual(rows.map(() => ['pending', 2, 60_000]));
    expect(receiver.received).toHaveLength(orders);

    // Back.
    receiver.received.length = 0;
    advance(61);
    expect(await sendDueDeliveries(t.db, policy)).toBe(orders);
    advance(6 * 3600);
    expect(await sendDueDeliveries(t.db, policy)).toBe(0);
    rows = await deliveries(subscription.id);
    expect(rows.every((r) => r.status === 'delivered' && r.attempts === 3)).toBe(true);
    expect(receiver.received).toHaveLength(orders);
    expect(new Set(receiver.received.map((r) => String(r.headers['x-afterclose-delivery'])))).toEqual(new Set(rows.map((r) => String(r.id))));
    const numbers = receiver.received.map((r) => (JSON.parse(String(r.body)) as { data: { number: string } }).data.number).sort();
    expect(numbers).toEqual(Array.from({ length: orders }, (_, i) => `OUT-${i}`));
  });
});
