import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';

let t: TestApp;
let accountId: string;
let productId: string;
beforeAll(async () => {
  t = await startTestApp();
  accountId = (await t.as('sales')('POST', '/api/v1/accounts', { name: 'Cafe Aurora', owner_id: t.userIds.sales })).json().id;
  const product = await t.as('manager')('POST', '/api/v1/products', { sku: 'BEAN-1KG', name: 'Espresso beans 1 kg', price: 24.5, tags: ['coffee'] });
  expect(product.statusCode).toBe(201);
  productId = product.json().id;
});
afterAll(async () => {
  await t.close();
});

const billing = { company: 'Cafe Aurora Oy', vat: 'FI12345678', address: 'Esplanadi 1, Helsinki' };

describe('orders', () => {
  it('places an order priced from the catalogue, remembers billing and makes the account a customer', async () => {
    const res = await t.as('sales')('POST', '/api/v1/orders', {
      account_id: accountId,
      placed_at: '2026-01-10T12:00:00Z',
      billing,
      lines: [
        { product_id: productId, quantity: 4, specs: { grind: 'fine' } },
        { description: 'Delivery', quantity: 1, unit_price: 9.9 },
      ],
    });
    expect(res.statusCode).toBe(201);
    const order = res.json();
    expect(order.total).toBe(107.9);
    expect(order.lines).toHaveLength(2);
    const account = (await t.as('sales')('GET', `/api/v1/accounts/${accountId}`)).json();
    expect(account).toMatchObject({ lifecycle: 'customer', billing });
    const event = await t.db.selectFrom('events').select('payload').where('subject_id', '=', order.id).executeTakeFirstOrThrow();
    expect(event.payload).toMatchObject({ first_order: true, total: 107.9 });
  });

  it('reorders in one step with the remembered billing and the same specs', async () => {
    const past = (await t.as('sales')('GET', `/api/v1/orders?account_id=${accountId}`)).json().items[0];
    const res = await t.as('sales')('POST', `/api/v1/orders/${past.id}/reorder`, {});
    expect(res.statusCode).toBe(201);
    const order = res.json();
    expect(order).toMatchObject({ reorder_of: past.id, total: 107.9, billing });
    expect(order.lines.map((l: { specs: unknown }) => l.specs)).toEqual([{ grind: 'fine' }, {}]);
    const event = await t.db.selectFrom('events').select('payload').where('subject_id', '=', order.id).executeTakeFirstOrThrow();
    expect(event.payload).toMatchObject({ first_order: false, reorder_of: past.id });
  });

  it('moves an order through shipped and delivered, refusing to go back', async () => {
    const order = (await t.as('sales')('GET', `/api/v1/orders?account_id=${accountId}&limit=1`)).json().items[0];
    expect((await t.as('service')('POST', `/api/v1/orders/${order.id}/status`, { status: 'shipped' })).json().status).toBe('shipped');
    expect((await t.as('service')('POST', `/api/v1/orders/${order.id}/status`, { status: 'delivered' })).statusCode).toBe(200);
    const back = await t.as('service')('POST', `/api/v1/orders/${order.id}/status`, { status: 'shipped' });
    expect(back.statusCode).toBe(422);
    expect(back.json().error.field).toBe('status');
  });

  it('refuses an unknown product naming the line, and stores nothing', async () => {
    const before = await t.db.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await t.as('sales')('POST', '/api/v1/orders', {
      account_id: accountId,
      lines: [{ product_id: productId, quantity: 1 }, { sku: 'NOPE', quantity: 1 }],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.field).toBe('lines.1.sku');
    const empty = await t.as('sales')('POST', '/api/v1/orders', { account_id: accountId, lines: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.field).toBe('lines');
    const after = await t.db.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('refuses an order date that is not a real day of 1900–2999, naming it, where the server once hung or stored 1970', async () => {
    const before = await t.db.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    // 9999-12-31 sent the promise deadline's walk past the last calendar day, forever.
    // 2030 is a real day, but an order placed years from now is a typo that would stay the customer's last order.
    for (const placedAt of ['9999-12-31', '+275760-09-13T00:00:00Z', null, true, 99999999999999, '2027-02-30', 'January 5, 2027', '0001-01-01', '2030-01-01T00:00:00Z']) {
      const res = await t.as('sales')('POST', '/api/v1/orders', { account_id: accountId, placed_at: placedAt, lines: [{ product_id: productId, quantity: 1 }] });
      expect(res.statusCode, String(placedAt)).toBe(400);
      expect(res.json().error.field).toBe('placed_at');
    }
    const first = (await t.db.selectFrom('orders').select('id').where('account_id', '=', accountId).executeTakeFirstOrThrow()).id;
    const reorder = await t.as('sales')('POST', `/api/v1/orders/${first}/reorder`, { placed_at: null });
    expect(reorder.statusCode).toBe(400);
    expect(reorder.json().error.field).toBe('placed_at');
    const after = await t.db.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('refuses amounts beyond what the columns hold with a 400 naming the field, not the database\'s overflow', async () => {
    const place = (line: object) => t.as('sales')('POST', '/api/v1/orders', { account_id: accountId, lines: [line] });
    const price = await place({ description: 'Gold bar', quantity: 1, unit_price: 1e10 });
    expect(price.statusCode).toBe(400);
    expect(price.json().error.field).toBe('lines.0.unit_price');
    const total = await place({ description: 'Gold bars', quantity: 1_000_000, unit_price: 9_999_999_999 });
    expect(total.statusCode).toBe(400);
    expect(total.json().error.field).toBe('lines');
    const deal = await t.as('sales')('POST', '/api/v1/deals', { account_id: accountId, title: 'Everything', value: 1e12 });
    expect(deal.statusCode).toBe(400);
    expect(deal.json().error.field).toBe('value');
  });

  it('lets only managers and admins edit the catalogue, and rejects a duplicate sku', async () => {
    const bySales = await t.as('sales')('POST', '/api/v1/products', { sku: 'X', name: 'X', price: 1 });
    expect(bySales.statusCode).toBe(403);
    const dup = await t.as('admin')('POST', '/api/v1/products', { sku: 'BEAN-1KG', name: 'Again', price: 1 });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.field).toBe('sku');
    const list = (await t.as('sales')('GET', '/api/v1/products?q=espresso')).json();
    expect(list.items.map((p: { sku: string }) => p.sku)).toEqual(['BEAN-1KG']);
  });
});

describe('the orders list', () => {
  it('answers each order with its lines and specs, for the account page and its Reorder button', async () => {
    const list = (await t.as('service')('GET', `/api/v1/orders?account_id=${accountId}`)).json();
    expect(list.items.length).toBeGreaterThan(0);
    for (const order of list.items) {
      expect(order.lines.length).toBeGreaterThan(0);
      expect(order.lines.every((line: { order_id: string }) => line.order_id === order.id)).toBe(true);
    }
    const withSpecs = list.items.flatMap((o: { lines: { specs: Record<string, unknown> }[] }) => o.lines).find((l: { specs: Record<string, unknown> }) => l.specs.grind);
    expect(withSpecs).toMatchObject({ specs: { grind: 'fine' } });
  });
});
