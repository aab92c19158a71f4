import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartBody } from '../../../tests/helpers/multipart.ts';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';

// Issue 14: on Citus accounts.external_id cannot be unique, and an external id given or changed
// after an account was created was guarded by nothing, so imports and people could make a second
// account for it. The same rules must hold on PGlite, PostgreSQL and Citus (decision 0041).
let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await startTestApp();
  token = (await t.as('admin')('POST', '/api/v1/auth/tokens', { name: 'uploads' })).json().token;
});
afterAll(async () => {
  await t.close();
});

async function upload(fields: Record<string, string>, content: string) {
  const body = multipartBody(fields, { name: 'data.csv', content });
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/imports', headers: { authorization: `Bearer ${token}`, 'content-type': body.contentType }, payload: body.payload });
  expect(res.statusCode).toBe(201);
  return res.json();
}

const holders = (externalId: string) => t.db.selectFrom('accounts').select(['id', 'name']).where('external_id', '=', externalId).execute();

describe('external ids of accounts', () => {
  it('finds an account by the external id it was changed to, and lets a new customer take the old one', async () => {
    await upload({ kind: 'accounts' }, 'external_id,name\nCRM-1,Fjord Coffee\n');
    const [created] = await holders('CRM-1');
    const changed = await t.as('admin')('PATCH', `/api/v1/accounts/${created?.id}`, { external_id: 'ERP-1' });
    expect(changed.statusCode).toBe(200);

    expect(await upload({ kind: 'accounts' }, 'external_id,name\nERP-1,Fjord Coffee AS\n')).toMatchObject({ inserted: 0, updated: 1, failed: 0 });
    expect(await holders('ERP-1')).toEqual([{ id: created?.id, name: 'Fjord Coffee AS' }]);
    const orders = 'order_number,placed_at,unit_price,account_external_id\nF-1,2026-03-01,10,ERP-1\n';
    expect(await upload({ kind: 'orders', create_customers: 'true' }, orders)).toMatchObject({ inserted: 1, failed: 0 });
    const order = await t.db.selectFrom('orders').select('account_id').where('number', '=', 'F-1').executeTakeFirstOrThrow();
    expect(order.account_id).toBe(created?.id);

    // The old external id is free again: a customer the other system now calls CRM-1 is a new account.
    expect(await upload({ kind: 'accounts' }, 'external_id,name\nCRM-1,Harbor Tea\n')).toMatchObject({ inserted: 1, failed: 0 });
    const [newcomer] = await holders('CRM-1');
    expect(newcomer?.name).toBe('Harbor Tea');
    expect(newcomer?.id).not.toBe(created?.id);
  });

  it('finds an account created by hand and given an external id later, in imports and in the API', async () => {
    const created = (await t.as('sales')('POST', '/api/v1/accounts', { name: 'Lindqvist Bakery' })).json();
    expect((await t.as('sales')('PATCH', `/api/v1/accounts/${created.id}`, { external_id: 'SHOP-7' })).statusCode).toBe(200);

    expect(await upload({ kind: 'accounts' }, 'external_id,name\nSHOP-7,Lindqvist Bakery AB\n')).toMatchObject({ inserted: 0, updated: 1 });
    const orders = 'order_number,placed_at,unit_price,account_external_id\nL-1,2026-03-02,12,SHOP-7\n';
    expect(await upload({ kind: 'orders', create_customers: 'true' }, orders)).toMatchObject({ inserted: 1, failed: 0 });
    expect(await holders('SHOP-7')).toEqual([{ id: created.id, name: 'Lindqvist Bakery AB' }]);

    const again = await t.as('sales')('POST', '/api/v1/accounts', { name: 'Lindqvist copy', external_id: 'SHOP-7' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'conflict', field: 'external_id' });
    expect(await holders('SHOP-7')).toHaveLength(1);
  });

  it('refuses a second account the external id another holds, and hands it over once freed', async () => {
    const api = t.as('admin');
    const first = (await api('POST', '/api/v1/accounts', { name: 'North Mill', external_id: 'X-9' })).json();
    const second = (await api('POST', '/api/v1/accounts', { name: 'South Mill' })).json();
    const taken = await api('PATCH', `/api/v1/accounts/${second.id}`, { external_id: 'X-9' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'conflict', field: 'external_id' });
    expect(taken.json().error.message).toContain('X-9');
    expect(await holders('X-9')).toEqual([{ id: first.id, name: 'North Mill' }]);

    expect((await api('PATCH', `/api/v1/accounts/${first.id}`, { external_id: null })).statusCode).toBe(200);
    expect((await api('PATCH', `/api/v1/accounts/${second.id}`, { external_id: 'X-9' })).statusCode).toBe(200);
    expect((await api('DELETE', `/api/v1/accounts/${second.id}`)).statusCode).toBe(204);
    const third = await api('POST', '/api/v1/accounts', { name: 'West Mill', external_id: 'X-9' });
    expect(third.statusCode).toBe(201);
  });
});
