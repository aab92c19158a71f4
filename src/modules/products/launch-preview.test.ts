import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  const sales = t.as('sales');
  const customer = async (name: string, interests: string[]) => {
    const account = (await sales('POST', '/api/v1/accounts', { name, owner_id: t.userIds.sales, interests })).json();
    await sales('POST', '/api/v1/orders', { account_id: account.id, lines: [{ description: 'First bag', unit_price: 10, quantity: 1 }] });
    return account;
  };
  await customer('Brew Bar', ['espresso', 'milk']);
  await customer('Tea House', ['tea']);
  await sales('POST', '/api/v1/accounts', { name: 'Prospect Roasters', interests: ['espresso'] });
});
afterAll(async () => {
  await t.close();
});

describe('product launch preview', () => {
  it('names the customers whose interests share a tag, before anything is launched', async () => {
    const product = (await t.as('manager')('POST', '/api/v1/products', { sku: 'GRIND-9', name: 'Grinder 9', price: 499, tags: ['espresso'] })).json();
    const res = await t.as('manager')('GET', `/api/v1/products/${product.id}/launch-preview`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      product: { id: product.id, launched_at: null },
      recipient_count: 1,
      recipients: [{ name: 'Brew Bar', owner_name: 'Sam Sales', matching_interests: ['espresso'] }],
    });
    const events = await t.db.selectFrom('events').select('id').where('type', '=', 'product.launched').execute();
    expect(events).toEqual([]);
  });

  it('reaches no one for a product without tags, and is for catalogue editors only', async () => {
    const product = (await t.as('admin')('POST', '/api/v1/products', { sku: 'CUP-1', name: 'Cup', price: 5 })).json();
    expect((await t.as('admin')('GET', `/api/v1/products/${product.id}/launch-preview`)).json()).toMatchObject({ recipient_count: 0, recipients: [] });
    expect((await t.as('sales')('GET', `/api/v1/products/${product.id}/launch-preview`)).statusCode).toBe(403);
    const missing = await t.as('admin')('GET', '/api/v1/products/00000000-0000-4000-8000-000000000000/launch-preview');
    expect(missing.statusCode).toBe(404);
  });
});
