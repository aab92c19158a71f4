import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartBody } from '../../../tests/helpers/multipart.ts';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await startTestApp();
  const created = await t.as('admin')('POST', '/api/v1/auth/tokens', { name: 'uploads' });
  token = created.json().token;
});
afterAll(async () => {
  await t.close();
});

async function upload(fields: Record<string, string>, content: string) {
  const body = multipartBody(fields, { name: 'data.csv', content });
  return t.app.inject({ method: 'POST', url: '/api/v1/imports', headers: { authorization: `Bearer ${token}`, 'content-type': body.contentType }, payload: body.payload });
}

describe('imports over HTTP', () => {
  it('imports accounts, then contacts and products with a mapping, and re-imports idempotently', async () => {
    const accounts = 'external_id,name,owner_email,tags\nA-1,Nordic Roasters,sales@test.example,"coffee, vip"\nA-2,Harbor Supplies,,\n';
    const first = await upload({ kind: 'accounts' }, accounts);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ inserted: 2, updated: 0, skipped: 0, failed: 0, status: 'done' });
    const again = await upload({ kind: 'accounts' }, accounts.replace('Harbor Supplies', 'Harbor Supplies Oy'));
    expect(again.json()).toMatchObject({ inserted: 0, updated: 1, skipped: 1, failed: 0 });
    const roasters = await t.db.selectFrom('accounts').select(['owner_id', 'tags']).where('external_id', '=', 'A-1').executeTakeFirstOrThrow();
    expect(roasters).toEqual({ owner_id: t.userIds.sales, tags: ['coffee', 'vip'] });
    // Written as the app shows them ("Customer", "Company"), not only as the API spells them.
    const shown = await upload({ kind: 'accounts' }, 'external_id,name,kind,lifecycle\nA-3,Fjord Ferries, Company ,Customer\n');
    expect(shown.json()).toMatchObject({ inserted: 1, failed: 0 });
    const ferries = await t.db.selectFrom('accounts').select(['kind', 'lifecycle']).where('external_id', '=', 'A-3').executeTakeFirstOrThrow();
    expect(ferries).toEqual({ kind: 'company', lifecycle: 'customer' });

    const contacts = 'Customer,Full name,E-mail\nA-1,Nina Berg,Nina@Roasters.example\nA-9,Ghost,ghost@example.com\n';
    const mapped = await upload({ kind: 'contacts', map: 'account_external_id=Customer,name=Full name,email=E-mail' }, contacts);
    expect(mapped.json()).toMatchObject({ inserted: 1, failed: 1 });
    const twice = await upload({ kind: 'contacts', map: 'account_external_id=Customer,name=Full name,email=E-mail' }, contacts);
    expect(twice.json()).toMatchObject({ inserted: 0, skipped: 1, failed: 1 });

    const failed = await t.as('admin')('GET', `/api/v1/imports/${mapped.json().id}/failures.csv`);
    expect(failed.headers['content-type']).toContain('text/csv');
    expect(failed.body).toBe('\uFEFFrow,reason,Customer,Full name,E-mail\r\n3,account_external_id: unknown account reference A-9,A-9,Ghost,ghost@example.com\r\n');

    const products = await upload({ kind: 'products' }, 'sku,name,price,tags\nBEAN-1,Espresso beans,"24,50",coffee\nBEAN-2,Decaf,-3,\n');
    expect(products.json()).toMatchObject({ inserted: 1, failed: 1 });
    const price = await t.db.selectFrom('products').select('price').where('sku', '=', 'BEAN-1').executeTakeFirstOrThrow();
    expect(price.price).toBe(24.5);
  });

  it('lists imports with their counts and refuses a file without the required columns', async () => {
    const refused = await upload({ kind: 'products' }, 'sku,title\nX,Y\n');
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ field: 'file', message: 'The file has no column "name", "price". Rename the columns, or map them.' });
    const list = (await t.as('manager')('GET', '/api/v1/imports')).json();
    expect(list.items[0]).toMatchObject({ kind: 'products', status: 'failed' });
    expect(list.items.filter((i: { status: string }) => i.status === 'done')).toHaveLength(6);
    const completed = await t.db.selectFrom('events').select('payload').where('type', '=', 'import.completed').orderBy('id').execute();
    expect(completed).toHaveLength(7);
    expect(completed[0]?.payload).toEqual({ kind: 'accounts', file_name: 'data.csv', status: 'done', rows_read: 2, inserted: 2, updated: 0, skipped: 0, failed: 0, skipped_reasons: {} });
    const longAgo = new Date(Date.now() - 3_600_000);
    await t.db.insertInto('imports').values({ kind: 'orders', file_name: 'died.csv', started_at: longAgo, heartbeat_at: longAgo }).execute();
    const died = (await t.as('manager')('GET', '/api/v1/imports')).json().items.find((i: { file_name: string }) => i.file_name === 'died.csv');
    // Paged like every other list: one at a time walks them all, newest first, each once.
    const all = (await t.as('manager')('GET', '/api/v1/imports')).json().items.map((i: { id: string }) => i.id);
    const walked: string[] = [];
    let cursor: string | undefined;
    do {
      const page = (await t.as('manager')('GET', `/api/v1/imports?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).json();
      walked.push(...page.items.map((i: { id: string }) => i.id));
      cursor = page.next;
    } while (cursor);
    expect(walked).toEqual(all);
    for (const query of ['limit=-1', 'limit=1000', 'cursor=garbage']) {
      expect((await t.as('manager')('GET', `/api/v1/imports?${query}`)).statusCode, query).toBe(400);
    }
    expect(died).toMatchObject({ status: 'failed', message: expect.stringMatching(/^Stopped: the process running it ended/) });
    const bad = await upload({ kind: 'accounts', preset: 'shopify-orders' }, 'Name\n#1\n');
    expect(bad.json().error).toMatchObject({ field: 'preset' });
  });

  it('answers an upload with a NUL character in a cell with a report, not a 500', async () => {
    const res = await upload({ kind: 'accounts' }, 'external_id,name\nZ-1,Null\u0000byte\nZ-2,Plain\n');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ rows_read: 2, inserted: 1, failed: 1, status: 'done' });
  });

  it('answers an upload cut off before its closing boundary with a 400 naming the file, storing no account', async () => {
    const body = multipartBody({ kind: 'accounts' }, { name: 'data.csv', content: 'external_id,name\nCUT-1,Cut off\nCUT-2,Cut off too\n' });
    const cut = body.payload.subarray(0, body.payload.length - 20);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/imports', headers: { authorization: `Bearer ${token}`, 'content-type': body.contentType }, payload: cut });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ field: 'file' });
    const stored = await t.db.selectFrom('accounts').select('id').where('external_id', 'in', ['CUT-1', 'CUT-2']).execute();
    expect(stored).toEqual([]);
  });

  it('gives imported accounts without a named owner a sales owner and a service owner, the same whatever the row order', async () => {
    await t.as('admin')('POST', '/api/v1/users', { email: 'sales2@test.example', name: 'Sara Second', role: 'sales', password: 'another-long-password-2' });
    const rows = Array.from({ length: 40 }, (_, n) => `OWN-${n},Owned ${n}`);
    const owners = async () =>
      t.db.selectFrom('accounts').select(['external_id', 'owner_id', 'service_owner_id']).where('external_id', 'like', 'OWN-%').orderBy('external_id').execute();
    expect((await upload({ kind: 'accounts' }, `external_id,name\n${rows.join('\n')}\n`)).statusCode).toBe(201);
    const first = await owners();
    expect(first.every((a) => a.owner_id !== null && a.service_owner_id === t.userIds.service)).toBe(true);
    expect(new Set(first.map((a) => a.owner_id)).size).toBe(2);
    // Deleted as deleteAccount does: with the record of which account held each external id (decision 0041).
    await t.db.deleteFrom('accounts').where('external_id', 'like', 'OWN-%').execute();
    await t.db.deleteFrom('account_external_ids').where('external_id', 'like', 'OWN-%').execute();
    await upload({ kind: 'accounts' }, `external_id,name\n${[...rows].reverse().join('\n')}\n`);
    expect(await owners()).toEqual(first);
  });
});
