import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import type { SearchResults } from './index.ts';

let t: TestApp;
let accountId: string;
beforeAll(async () => {
  t = await startTestApp();
  const sales = t.as('sales');
  accountId = (await sales('POST', '/api/v1/accounts', { name: 'Quokka Roasters', owner_id: t.userIds.sales, tags: ['wholesale-kiwi'] })).json().id;
  await sales('POST', '/api/v1/contacts', { account_id: accountId, name: 'Wilhelmina Brandt', email: 'w.brandt@quokka.example', phone: '+49 30 7788 1234' });
  await sales('POST', '/api/v1/orders', { account_id: accountId, number: 'WEB-90817', lines: [{ description: 'Beans', unit_price: 10, quantity: 1 }] });
  await sales('POST', '/api/v1/deals', { account_id: accountId, title: 'Espresso bar fit-out' });
  await t.as('service')('POST', '/api/v1/issues', { account_id: accountId, title: 'Grinder rattles loudly' });
  await sales('POST', '/api/v1/accounts', { name: 'Unrelated Bakery', owner_id: t.userIds.sales });
});
afterAll(async () => {
  await t.close();
});

async function search(q: string, as: 'sales' | 'service' = 'sales'): Promise<SearchResults> {
  const res = await t.as(as)('GET', `/api/v1/search?q=${encodeURIComponent(q)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('global search', () => {
  it('finds the account by a contact email, a phone written differently, a tag and an order number', async () => {
    for (const q of ['brandt@quokka', '(30) 7788-12', 'wholesale-kiwi', 'WEB-908']) {
      expect((await search(q)).accounts.map((a) => a.id), q).toEqual([accountId]);
    }
  });

  it('finds a contact by name, email and phone, with the account it belongs to', async () => {
    for (const q of ['wilhelmina', 'W.BRANDT', '77881234']) {
      const { contacts } = await search(q);
      expect(contacts.map((c) => [c.name, c.account_id, c.account_name]), q).toEqual([['Wilhelmina Brandt', accountId, 'Quokka Roasters']]);
    }
  });

  it('finds a deal by title, an order by number and an issue by subject', async () => {
    expect((await search('fit-out')).deals.map((d) => [d.title, d.account_id])).toEqual([['Espresso bar fit-out', accountId]]);
    expect((await search('90817')).orders.map((o) => [o.number, o.account_id])).toEqual([['WEB-90817', accountId]]);
    const found = await search('rattles', 'service');
    expect(found.issues.map((i) => [i.title, i.account_id, i.status])).toEqual([['Grinder rattles loudly', accountId, 'new']]);
    expect(found.accounts).toEqual([]);
  });

  it('takes the user’s % and _ literally and caps each group at the limit', async () => {
    expect(await search('100%')).toMatchObject({ accounts: [], contacts: [], deals: [], orders: [], issues: [] });
    const sales = t.as('sales');
    for (let i = 0; i < 4; i++) await sales('POST', '/api/v1/deals', { account_id: accountId, title: `Refill plan ${i}` });
    const res = await sales('GET', '/api/v1/search?q=refill&limit=2');
    expect(res.json<SearchResults>().deals).toHaveLength(2);
  });

  it('refuses an empty search and a limit out of range, naming the field', async () => {
    const empty = await t.as('sales')('GET', '/api/v1/search?q=%20');
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('q');
    expect((await t.as('sales')('GET', '/api/v1/search?q=x&limit=500')).statusCode).toBe(400);
  });
});
