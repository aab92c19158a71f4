import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';

let t: TestApp;
const ids: Record<string, string> = {};
beforeAll(async () => {
  t = await startTestApp();
  const manager = t.as('manager');
  const accounts = [
    { name: 'Anker Oy', owner_id: t.userIds.sales, tags: ['retail', 'north'] },
    { name: 'Birke AG', owner_id: t.userIds.manager, tags: ['retail'] },
    { name: 'Cedar Ltd', owner_id: null, tags: ['wholesale'] },
    { name: 'Dune SA', owner_id: t.userIds.sales, tags: [] },
  ];
  for (const body of accounts) ids[body.name] = (await manager('POST', '/api/v1/accounts', body)).json().id;
  await manager('POST', '/api/v1/orders', { account_id: ids['Birke AG'], placed_at: '2026-01-10T10:00:00Z', lines: [{ description: 'A', quantity: 1, unit_price: 10 }] });
  await manager('POST', '/api/v1/orders', { account_id: ids['Dune SA'], placed_at: '2026-03-10T10:00:00Z', lines: [{ description: 'B', quantity: 1, unit_price: 10 }] });
  await manager('POST', '/api/v1/touches', { account_id: ids['Anker Oy'], kind: 'call', subject: 'Check in', due_at: '2030-01-01T09:00:00Z' });
  // Scores as the nightly scoring run writes them: Birke is at risk and a champion, Dune healthy.
  const run = await sql<{ id: number }>`insert into scoring_runs (as_of, status, started_at, heartbeat_at, settings)
    values ('2026-03-11', 'done', now(), now(), '{}') returning id`.execute(t.db);
  const runId = run.rows[0]?.id;
  // Each as-of date is a partition of its own, which a scoring run creates (migration 0037).
  await sql`create table if not exists account_scores_20260311 partition of account_scores for values in ('2026-03-11')`.execute(t.db);
  for (const [name, health, segment] of [['Birke AG', 30, 'champions'], ['Dune SA', 85, 'new']] as const) {
    await sql`insert into account_scores (account_id, as_of, run_id, first_order_on, last_order_on, orders, order_days,
      recency_days, monetary, repeat_spend_mean, r_score, f_score, m_score, segment, late, health, scored_at)
      values (${ids[name]}, '2026-03-11', ${runId}, '2026-01-10', '2026-03-10', 1, 1, 1, 10, 0, 3, 3, 3, ${segment}, false,
      ${health}, now())`.execute(t.db);
  }
});
afterAll(async () => {
  await t.close();
});

type Listed = { items: { name: string; health: number | null; segment: string | null }[]; total: number; next?: string };
const list = async (query: string): Promise<Listed> => (await t.as('sales')('GET', `/api/v1/accounts?${query}`)).json();
const names = (page: Listed) => page.items.map((a) => a.name);

describe('account list', () => {
  it('sorts by name, last order, health and owner, each paged without gaps', async () => {
    expect(names(await list('sort=name'))).toEqual(['Anker Oy', 'Birke AG', 'Cedar Ltd', 'Dune SA']);
    expect(names(await list('sort=last_order'))).toEqual(['Dune SA', 'Birke AG', 'Anker Oy', 'Cedar Ltd']);
    expect(names(await list('sort=health'))).toEqual(['Birke AG', 'Dune SA', 'Anker Oy', 'Cedar Ltd']);
    // Manager Mia before Sam Sales; the unowned account last.
    expect(names(await list('sort=owner'))).toEqual(['Birke AG', 'Anker Oy', 'Dune SA', 'Cedar Ltd']);
    for (const sort of ['name', 'last_order', 'health', 'owner']) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await list(`sort=${sort}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.total).toBe(4);
        seen.push(...names(page));
        cursor = page.next;
      } while (cursor);
      expect(seen).toEqual(names(await list(`sort=${sort}`)));
    }
  });

  it('filters by owner, tag, segment, health band and no next touch, with an honest total', async () => {
    const owned = await list(`owner_id=${t.userIds.sales}`);
    expect([names(owned), owned.total]).toEqual([['Anker Oy', 'Dune SA'], 2]);
    expect(names(await list('tag=retail'))).toEqual(['Anker Oy', 'Birke AG']);
    expect(names(await list('segment=champions'))).toEqual(['Birke AG']);
    expect(names(await list('health=at_risk'))).toEqual(['Birke AG']);
    expect(names(await list('health=healthy'))).toEqual(['Dune SA']);
    expect(names(await list('no_next_touch=true'))).toEqual(['Birke AG', 'Cedar Ltd', 'Dune SA']);
    const combined = await list('tag=retail&no_next_touch=true&limit=1');
    expect([names(combined), combined.total]).toEqual([['Birke AG'], 1]);
    const none = await list('q=nothing-like-this');
    expect([none.items, none.total]).toEqual([[], 0]);
    const scored = (await list('sort=name')).items.find((a) => a.name === 'Birke AG');
    expect([scored?.health, scored?.segment]).toEqual([30, 'champions']);
  });

  it('answers 400 naming the parameter for an unknown sort or band', async () => {
    for (const [query, field] of [['sort=size', 'sort'], ['health=great', 'health'], ['no_next_touch=yes', 'no_next_touch']]) {
      const res = await t.as('sales')('GET', `/api/v1/accounts?${query}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.field).toBe(field);
    }
  });
});
