import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { refreshAccountSearch } from './search-document.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  const { db } = t;
  const account = (name: string, tags: string[] = []) =>
    db.insertInto('accounts').values({ name, tags }).returning('id').executeTakeFirstOrThrow().then((a) => a.id);
  const harbour = await account('Harbour Outfitters', ['key-account']);
  const lindqvist = await account('Lindqvist Family', ['vip']);
  await account('Quiet Meadow');
  await db
    .insertInto('contacts')
    .values([
      { account_id: harbour, name: 'Greta Holm', email: 'greta.holm@harbour-outfit.example', phone: '+46 8 555 0199' },
      { account_id: lindqvist, name: 'Nils Lindqvist', email: 'nils@lindqvist.example', phone: null },
    ])
    .execute();
  await db.insertInto('orders').values({ account_id: lindqvist, number: '20260214-7F3A2C', placed_at: '2026-02-14T10:00:00Z', total: 80 }).execute();
  // Enough accounts tagged alike that a search for the tag is a common one, not a rare one.
  for (let start = 0; start < 5600; start += 700) {
    const rows = Array.from({ length: 700 }, (_, i) => ({ name: `Trade Account ${String(start + i).padStart(4, '0')}`, tags: ['trade-show'] }));
    await db.insertInto('accounts').values(rows).execute();
  }
  // Rows written here directly, as a bulk loader would: the loader derives the documents once.
  await refreshAccountSearch(db, (await db.selectFrom('accounts').select('id').execute()).map((a) => a.id));
});
afterAll(async () => {
  await t.close();
});

const names = async (q: string, extra = '') => {
  const res = await t.as('sales')('GET', `/api/v1/accounts?q=${encodeURIComponent(q)}${extra}`);
  expect(res.statusCode).toBe(200);
  return res.json<{ items: { name: string }[]; next?: string; total: number; total_exact: boolean }>();
};

describe('account search', () => {
  it('finds accounts by contact email, contact name, phone digits, tag and order number', async () => {
    expect((await names('greta.holm@harbour')).items.map((a) => a.name)).toEqual(['Harbour Outfitters']);
    expect((await names('HOLM')).items.map((a) => a.name)).toEqual(['Harbour Outfitters']);
    expect((await names('555 01')).items.map((a) => a.name)).toEqual(['Harbour Outfitters']);
    expect((await names('vip')).items.map((a) => a.name)).toEqual(['Lindqvist Family']);
    expect((await names('7f3a2c')).items.map((a) => a.name)).toEqual(['Lindqvist Family']);
    expect((await names('lindqvist.example')).items.map((a) => a.name)).toEqual(['Lindqvist Family']);
    expect((await names('meadow')).items.map((a) => a.name)).toEqual(['Quiet Meadow']);
    expect((await names('nobody-has-this')).items).toEqual([]);
    // The user's % and _ are literal characters, not wildcards.
    expect((await names('%')).items).toEqual([]);
  });

  it('pages through a common match in name order', async () => {
    const first = await names('trade-show', '&limit=50');
    expect(first.items).toHaveLength(50);
    expect(first.items[0]?.name).toBe('Trade Account 0000');
    const second = await names('trade-show', `&limit=50&cursor=${first.next}`);
    expect(second.items[0]?.name).toBe('Trade Account 0050');
    expect((await names('Account 2099')).items.map((a) => a.name)).toEqual(['Trade Account 2099']);
  });

  it('counts matches exactly up to 5,000 and says "more than" beyond, with or without filters', async () => {
    // 5,600 trade-show accounts: more than a search counts.
    expect(await names('trade-show')).toMatchObject({ total: 5000, total_exact: false });
    expect(await names('trade-show', '&sort=last_order')).toMatchObject({ total: 5000, total_exact: false });
    // 'Account 1' is in the names Trade Account 1000 to 1999.
    expect(await names('Account 1')).toMatchObject({ total: 1000, total_exact: true });
    expect(await names('Account 1', '&sort=last_order')).toMatchObject({ total: 1000, total_exact: true });
    expect(await names('trade-show', '&lifecycle=customer')).toMatchObject({ items: [], total: 0, total_exact: true });
    expect(await names('vip')).toMatchObject({ total: 1, total_exact: true });
    expect(await names('tr')).toMatchObject({ total: 5000, total_exact: false });
  });

  it('finds one or two letters at the start of an account name', async () => {
    expect((await names('qu')).items.map((a) => a.name)).toEqual(['Quiet Meadow']);
    expect((await names('Q')).items.map((a) => a.name)).toEqual(['Quiet Meadow']);
    expect((await names('et')).items).toEqual([]);
  });

  it('finds what the services wrote a moment ago, and no longer what they changed or removed', async () => {
    const api = t.as('manager');
    const id = (await api('POST', '/api/v1/accounts', { name: 'Fjord Ceramics' })).json().id;
    const contact = (await api('POST', '/api/v1/contacts', { account_id: id, name: 'Ida Strand', email: 'ida@fjord.example', phone: '+47 22 90 1234' })).json();
    const order = await api('POST', '/api/v1/orders', { account_id: id, number: '20260301-C0FFEE', lines: [{ description: 'Bowl', quantity: 1, unit_price: 40 }] });
    expect(order.statusCode).toBe(201);
    for (const q of ['fjord', 'ida strand', '22901234', 'c0ffee']) expect((await names(q)).items.map((a) => a.name)).toEqual(['Fjord Ceramics']);

    await api('PATCH', `/api/v1/accounts/${id}`, { name: 'Fjell Pottery', tags: ['wholesale'] });
    await api('PATCH', `/api/v1/contacts/${contact.id}`, { email: 'ida@fjell.example' });
    expect((await names('ceramics')).items).toEqual([]);
    expect((await names('ida@fjord')).items).toEqual([]);
    for (const q of ['pottery', 'wholesale', 'ida@fjell']) expect((await names(q)).items.map((a) => a.name)).toEqual(['Fjell Pottery']);

    expect((await api('DELETE', `/api/v1/contacts/${contact.id}`)).statusCode).toBe(204);
    expect((await names('ida strand')).items).toEqual([]);
    expect((await names('c0ffee')).items.map((a) => a.name)).toEqual(['Fjell Pottery']);
    expect((await api('DELETE', `/api/v1/accounts/${id}`)).statusCode).toBe(204);
    expect((await names('pottery')).items).toEqual([]);
  });
});
