import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../tests/helpers/test-app.ts';

// Rows written in one transaction can lie microseconds apart; a cursor that kept only milliseconds
// (a JS Date) skipped or repeated them at a page boundary.

let t: TestApp;
let accountId: string;
const moments = ['2026-01-01 10:00:00.123455+00', '2026-01-01 10:00:00.123456+00', '2026-01-01 10:00:00.123457+00'];
const cursorOf = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

beforeAll(async () => {
  t = await startTestApp();
  accountId = (await t.as('sales')('POST', '/api/v1/accounts', { name: 'Microsecond Mills', owner_id: t.userIds.sales })).json().id;
  await t.db.transaction().execute(async (trx) => {
    for (const [i, at] of moments.entries()) {
      await sql`insert into touches (account_id, kind, subject, status, done_at, created_at)
        values (${accountId}, 'note', ${`Note ${i}`}, 'done', ${at}::timestamptz, ${at}::timestamptz)`.execute(trx);
      await sql`insert into contacts (account_id, name, created_at) values (${accountId}, ${`Contact ${i}`}, ${at}::timestamptz)`.execute(trx);
      await sql`insert into deals (account_id, title, owner_id, created_at, updated_at)
        values (${accountId}, ${`Deal ${i}`}, ${t.userIds.sales}, ${at}::timestamptz, ${at}::timestamptz)`.execute(trx);
      await sql`insert into orders (account_id, number, placed_at, total) values (${accountId}, ${`MU-${i}`}, ${at}::timestamptz, 10)`.execute(trx);
    }
    // Stalled longer than the others: the stalled list orders by days desc, then id asc.
    await sql`insert into deals (account_id, title, owner_id, created_at, updated_at)
      values (${accountId}, 'Old deal', ${t.userIds.sales}, ${moments[0]}::timestamptz, '2025-06-01 10:00:00.5+00')`.execute(trx);
  });
});
afterAll(async () => {
  await t.close();
});

/** Every id of a list read one row per page, following `next` (and stopping if it never ends). */
async function pageThrough(url: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 50; pages++) {
    const response = await t.as('manager')('GET', `${url}${url.includes('?') ? '&' : '?'}limit=1${cursor ? `&cursor=${cursor}` : ''}`);
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json<{ items: { id: string }[]; next?: string }>();
    ids.push(...page.items.map((item) => item.id));
    cursor = page.next;
    if (!cursor) return ids;
  }
  return ids;
}

async function idsOf(table: 'touches' | 'contacts' | 'deals' | 'orders'): Promise<string[]> {
  const rows = await t.db.selectFrom(table).select('id').where('account_id', '=', accountId).execute();
  return rows.map((row) => row.id).sort();
}

describe('keyset paging over rows microseconds apart', () => {
  it.each([
    ['touches', `/api/v1/touches?account_id=ACCOUNT`],
    ['contacts', `/api/v1/contacts?account_id=ACCOUNT`],
    ['deals', `/api/v1/deals?account_id=ACCOUNT`],
    ['orders', `/api/v1/orders?account_id=ACCOUNT`],
  ] as const)('lists every one of the %s exactly once with a page size of 1', async (table, url) => {
    const ids = await pageThrough(url.replace('ACCOUNT', accountId));
    expect(ids.slice().sort()).toEqual(await idsOf(table));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('lists every stalled deal exactly once, longest stalled first (the moment it stalled, to the microsecond)', async () => {
    const ids = await pageThrough('/api/v1/deals/stalled');
    expect(ids.slice().sort()).toEqual(await idsOf('deals'));
    const deals = await t.db.selectFrom('deals').select(['id', 'title']).where('account_id', '=', accountId).orderBy('stalled_since').orderBy('id').execute();
    expect(deals[0]?.title).toBe('Old deal');
    expect(ids).toEqual(deals.map((deal) => deal.id));
  });

  it('lists every touch, deal, order and event of the timeline exactly once', async () => {
    const ids = await pageThrough(`/api/v1/accounts/${accountId}/timeline`);
    expect(new Set(ids).size).toBe(ids.length);
    const all = (await t.as('manager')('GET', `/api/v1/accounts/${accountId}/timeline?limit=200`)).json<{ items: { id: string }[] }>().items;
    expect(ids.slice().sort()).toEqual(all.map((item) => item.id).sort());
    for (const table of ['touches', 'deals', 'orders'] as const) expect(ids).toEqual(expect.arrayContaining(await idsOf(table)));
  });

  // Both lists are prepared queries (decision 0038): the page after a cursor is its own statement.
  it('lists every account in each order, and every issue, exactly once', async () => {
    for (const sort of ['name', 'last_order', 'health', 'owner']) {
      const ids = await pageThrough(`/api/v1/accounts?sort=${sort}`);
      const all = (await t.as('manager')('GET', `/api/v1/accounts?sort=${sort}&limit=200`)).json<{ items: { id: string }[] }>().items;
      expect(ids, sort).toEqual(all.map((account) => account.id));
    }
    for (const title of ['First issue', 'Second issue', 'Third issue']) {
      expect((await t.as('manager')('POST', '/api/v1/issues', { account_id: accountId, title })).statusCode).toBe(201);
    }
    const ids = await pageThrough(`/api/v1/issues?account_id=${accountId}`);
    const all = (await t.as('manager')('GET', `/api/v1/issues?account_id=${accountId}&limit=200`)).json<{ items: { id: string }[] }>().items;
    expect(ids).toHaveLength(3);
    expect(ids).toEqual(all.map((issue) => issue.id));
  });

  it('lists every account of the attention list exactly once, equal revenues by id', async () => {
    for (const name of ['Quiet One', 'Quiet Two', 'Quiet Three']) {
      expect((await t.as('sales')('POST', '/api/v1/accounts', { name, lifecycle: 'customer', owner_id: t.userIds.sales })).statusCode).toBe(201);
    }
    const ids: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 50; pages++) {
      const page = (await t.as('manager')('GET', `/api/v1/attention?limit=1${cursor ? `&cursor=${cursor}` : ''}`)).json<{ items: { account_id: string }[]; next?: string }>();
      ids.push(...page.items.map((item) => item.account_id));
      cursor = page.next;
      if (!cursor) break;
    }
    const all = (await t.as('manager')('GET', '/api/v1/attention?limit=200')).json<{ items: { account_id: string }[] }>().items;
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(ids).toEqual(all.map((gap) => gap.account_id));
  });
});

describe('a cursor this API did not hand out', () => {
  it('is a 400 naming cursor, never a database error', async () => {
    const uuid = '00000000-0000-4000-8000-000000000000';
    const forged = [
      cursorOf(['2026-02-30T10:00:00.000000Z', uuid]),
      cursorOf(['2026-13-07T00:17:17.791000Z', uuid]),
      cursorOf(['2026-01-01T25:00:00.000000Z', uuid]),
      cursorOf(['2026-01-01T10:00:00.123Z', uuid]),
      cursorOf(['2026-01-01T10:00:00.123456Z', 'not-a-uuid']),
      cursorOf([1767261600123, uuid]),
      cursorOf(['2026-01-01T10:00:00.123456Z']),
      'not base64 json',
    ];
    for (const cursor of forged) {
      const response = await t.as('manager')('GET', `/api/v1/touches?cursor=${encodeURIComponent(cursor)}`);
      expect(response.statusCode, cursor).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'invalid_input', field: 'cursor' } });
    }
    const attention = await t.as('manager')('GET', `/api/v1/attention?cursor=${cursorOf(['1e999', uuid])}`);
    expect(attention.statusCode).toBe(400);
    expect(attention.json()).toMatchObject({ error: { field: 'cursor' } });
  });
});
