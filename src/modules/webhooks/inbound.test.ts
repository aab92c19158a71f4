import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { now, pinClock } from '../../platform/clock.ts';
import { signPayload } from './signatures.ts';

let t: TestApp;
beforeAll(async () => {
  pinClock('2026-06-01T10:00:00Z');
  t = await startTestApp();
});
afterAll(async () => {
  pinClock(null);
  await t.close();
});

const seconds = () => Math.floor(now().getTime() / 1000);

async function createIntegration(format: 'afterclose' | 'shopify') {
  const res = await t.as('admin')('POST', '/api/v1/webhooks/integrations', { name: `${format} shop`, format });
  expect(res.statusCode).toBe(201);
  return res.json<{ id: string; secret: string; url: string }>();
}

const send = (url: string, body: string, headers: Record<string, string>) =>
  t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, payload: body });

const orderCount = async () => (await t.db.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

describe('inbound order webhooks', () => {
  it('stores a signed order once however often it is replayed, and stores nothing for a bad signature', async () => {
    const integration = await createIntegration('afterclose');
    const body = JSON.stringify({
      id: 'ext-77', number: 'W-77', placed_at: '2026-05-31T09:00:00Z', currency: 'EUR',
      customer: { email: 'Buyer@Webshop.example', name: 'Bea Buyer', company: 'Webshop Oy' },
      lines: [{ sku: 'NOPE', description: 'Tea', quantity: 2, unit_price: 7.5 }],
    });
    const forged = await send(integration.url, body, { 'x-afterclose-signature': signPayload('wrong-secret', body, seconds()) });
    expect(forged.statusCode).toBe(401);
    const stale = await send(integration.url, body, { 'x-afterclose-signature': signPayload(integration.secret, body, seconds() - 600) });
    expect(stale.statusCode).toBe(401);
    const unsigned = await send(integration.url, body, {});
    expect(unsigned.statusCode).toBe(401);
    expect(await orderCount()).toBe(0);

    const signature = signPayload(integration.secret, body, seconds());
    const first = await send(integration.url, body, { 'x-afterclose-signature': signature });
    expect(first.statusCode).toBe(201);
    expect(first.json().outcome).toBe('created');
    const replay = await send(integration.url, body, { 'x-afterclose-signature': signature });
    expect(replay.json()).toEqual({ outcome: 'unchanged', order_id: first.json().order_id });
    expect(await orderCount()).toBe(1);
    const order = await t.as('sales')('GET', `/api/v1/orders/${first.json().order_id}`);
    expect(order.json()).toMatchObject({ number: 'W-77', total: 15, lines: [{ description: 'Tea', quantity: 2, unit_price: 7.5 }] });
    const events = await t.db.selectFrom('events').select('type').where('type', '=', 'order.placed').execute();
    expect(events).toHaveLength(1);
  });

  it('accepts Shopify orders/create signed with the integration secret, and refuses a revoked integration', async () => {
    const integration = await createIntegration('shopify');
    const body = JSON.stringify({
      id: 5001234567890, name: '#9999', email: 'jon@example.com', created_at: '2026-05-31T19:00:00-05:00', currency: 'USD', total_price: '403.00',
      cancelled_at: null, fulfillment_status: null, customer: { id: 1, email: 'jon@example.com', first_name: 'Jon', last_name: 'Snow' },
      billing_address: { name: 'Jon Snow', company: null }, line_items: [{ sku: 'IPOD', name: 'IPod Nano', quantity: 2, price: '199.00' }],
    });
    const hmac = createHmac('sha256', integration.secret).update(body).digest('base64');
    const res = await send(integration.url, body, { 'x-shopify-hmac-sha256': hmac });
    expect(res.statusCode).toBe(201);
    const again = await send(integration.url, body, { 'x-shopify-hmac-sha256': hmac });
    expect(again.json().outcome).toBe('unchanged');
    const stored = await t.db.selectFrom('orders').innerJoin('accounts', 'accounts.id', 'orders.account_id')
      .select(['orders.external_id', 'orders.total', 'orders.currency', 'accounts.name']).where('number', '=', '#9999').executeTakeFirstOrThrow();
    expect(stored).toEqual({ external_id: '5001234567890', total: 403, currency: 'USD', name: 'Jon Snow' });
    // An order without its own email ("" from Shopify) belongs to its customer's email.
    const noEmail = body.replace('"id":5001234567890', '"id":5001234567891').replace('"name":"#9999"', '"name":"#10000"').replace('"email":"jon@example.com","created_at"', '"email":"","created_at"');
    const placed = await send(integration.url, noEmail, { 'x-shopify-hmac-sha256': createHmac('sha256', integration.secret).update(noEmail).digest('base64') });
    expect(placed.statusCode).toBe(201);
    const second = await t.db.selectFrom('orders').select('account_id').where('number', '=', '#10000').executeTakeFirstOrThrow();
    const first = await t.db.selectFrom('orders').select('account_id').where('number', '=', '#9999').executeTakeFirstOrThrow();
    expect(second.account_id).toBe(first.account_id);
    // A changed first character: 'A' where it was something else (the secret is random, so the
    // signature starts with 'A' one time in 64, when writing 'A' would change nothing).
    const forged = hmac.replace(/^./, (first) => (first === 'A' ? 'B' : 'A'));
    expect((await send(integration.url, body, { 'x-shopify-hmac-sha256': forged })).statusCode).toBe(401);
    expect((await t.as('admin')('DELETE', `/api/v1/webhooks/integrations/${integration.id}`)).statusCode).toBe(204);
    expect((await send(integration.url, body, { 'x-shopify-hmac-sha256': hmac })).statusCode).toBe(401);
    expect((await t.as('sales')('GET', '/api/v1/webhooks/integrations')).statusCode).toBe(403);
  });

  it('refuses an impossible date with a 400 naming the field, and stores nothing', async () => {
    const afterclose = await createIntegration('afterclose');
    const shopify = await createIntegration('shopify');
    const before = await orderCount();
    for (const [i, placedAt] of ['2024-02-30', '2023-02-29T10:00:00Z', '0000-01-01T00:00:00Z', '99999-01-01T00:00:00Z', '2024-13-01', '2024-06-01T24:00:00Z', 'last tuesday'].entries()) {
      const body = JSON.stringify({
        id: `ext-date-${i}`, number: `W-DATE-${i}`, placed_at: placedAt,
        customer: { email: 'dates@webshop.example' }, lines: [{ description: 'Tea', quantity: 1, unit_price: 5 }],
      });
      const res = await send(afterclose.url, body, { 'x-afterclose-signature': signPayload(afterclose.secret, body, seconds()) });
      expect(res.statusCode, placedAt).toBe(400);
      expect(res.json().error.field, placedAt).toBe('placed_at');
      const shopifyBody = JSON.stringify({
        id: 6000 + i, name: `#D${i}`, email: 'dates@webshop.example', created_at: placedAt, currency: 'USD', total_price: '5.00',
        line_items: [{ name: 'Tea', quantity: 1, price: '5.00' }],
      });
      const hmac = createHmac('sha256', shopify.secret).update(shopifyBody).digest('base64');
      const shopifyRes = await send(shopify.url, shopifyBody, { 'x-shopify-hmac-sha256': hmac });
      expect(shopifyRes.statusCode, placedAt).toBe(400);
      expect(shopifyRes.json().error.field, placedAt).toBe('created_at');
    }
    expect(await orderCount()).toBe(before);
    // A leap day, a date alone (read as UTC) and an offset without a colon are real dates.
    for (const [i, placedAt, stored] of [[0, '2024-02-29', '2024-02-29T00:00:00.000Z'], [1, '2026-05-31T19:00:00-0500', '2026-06-01T00:00:00.000Z']] as const) {
      const body = JSON.stringify({
        id: `ext-real-${i}`, number: `W-REAL-${i}`, placed_at: placedAt,
        customer: { email: 'dates@webshop.example' }, lines: [{ description: 'Tea', quantity: 1, unit_price: 5 }],
      });
      const res = await send(afterclose.url, body, { 'x-afterclose-signature': signPayload(afterclose.secret, body, seconds()) });
      expect(res.statusCode, placedAt).toBe(201);
      const order = await t.db.selectFrom('orders').select('placed_at').where('number', '=', `W-REAL-${i}`).executeTakeFirstOrThrow();
      expect(order.placed_at.toISOString()).toBe(stored);
    }
  });
  it('answers an unknown customer or an order number taken by another order with a 4xx naming the field, not a 500', async () => {
    const integration = await createIntegration('afterclose');
    const post = (payload: object) => {
      const body = JSON.stringify(payload);
      return send(integration.url, body, { 'x-afterclose-signature': signPayload(integration.secret, body, seconds()) });
    };
    const before = await orderCount();
    const line = { description: 'Tea', quantity: 1, unit_price: 5 };
    const stranger = await post({ id: 'ext-s1', number: 'S-1', placed_at: '2026-05-31T09:00:00Z', customer: { external_id: 'nobody-here' }, lines: [line] });
    expect(stranger.statusCode).toBe(422);
    expect(stranger.json().error).toMatchObject({ field: 'customer.external_id' });
    expect(stranger.json().error.message).toContain('nobody-here');

    const first = await post({ id: 'ext-n1', number: 'N-1', placed_at: '2026-05-31T09:00:00Z', customer: { email: 'numbers@webshop.example' }, lines: [line] });
    expect(first.statusCode).toBe(201);
    const plainText = await send(integration.url, 'not json', { 'content-type': 'text/plain', 'x-afterclose-signature': signPayload(integration.secret, 'not json', seconds()) });
    expect(plainText.statusCode).toBe(415);
    expect(plainText.json().error).toMatchObject({ field: 'content-type' });
    const clash = await post({ id: 'ext-n1-other', number: 'N-1', placed_at: '2026-05-31T09:00:00Z', customer: { email: 'numbers@webshop.example' }, lines: [line] });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error).toMatchObject({ field: 'number' });
    expect(await orderCount()).toBe(before + 1);
  });
});
