import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';

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
  for (let start = 0; start < 2100; start += 700) {
    const rows = Array.from({ length: 700 }, (_, i) => ({ name: `Trade Account ${String(start + i).padStart(4, '0')}`, tags: ['trade-show'] }));
    await db.insertInto('accounts').values(rows).execute();
  }
});
afterAll(async () => {
  await t.close();
});

const names = async (q: string, extra = '') => {
  const res = await t.as('sales')('GET', `/api/v1/accounts?q=${encodeURIComponent(q)}${extra}`);
  expect(res.statusCode).toBe(200);
  return res.json<{ items: { name: string }[]; next?: string }>();
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
});
