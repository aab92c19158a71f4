import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../../../tests/helpers/test-db.ts';
import { DAY_MS, pinClock } from '../../platform/clock.ts';
import type { Db, DbHandle } from '../../platform/db.ts';
import { externalIdFor } from '../../../bench/generate.ts';
import { accountIdFromExternalId } from '../accounts/index.ts';
import { verifyPassword } from '../users/index.ts';
import { isDatabaseEmpty, loadDemoData, type LoadDemoResult } from './demo.service.ts';

// Both databases load "today" at the same pinned instant, so the same seed must give the same rows.
const asOf = new Date('2026-03-02T09:00:00Z');
const seed = 7;
const password = 'demo-password';
let first: DbHandle;
let second: DbHandle;
let firstLoad: LoadDemoResult;

async function one<T>(db: Db, query: ReturnType<typeof sql<T>>): Promise<T> {
  const row = (await query.execute(db)).rows[0];
  if (!row) throw new Error('query returned no row');
  return row;
}

const count = (db: Db, table: 'accounts' | 'users' | 'orders' | 'touches' | 'events') =>
  one(db, sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`).then((r) => r.n);

beforeAll(async () => {
  pinClock(asOf);
  [first, second] = await Promise.all([openTestDb(), openTestDb()]);
  // The test template has a user per role; the demo only loads where nobody has an account.
  await first.db.deleteFrom('users').execute();
  firstLoad = await loadDemoData(first.db, { seed, password });
});
afterAll(async () => {
  pinClock(null);
  await Promise.all([first?.close(), second?.close()]);
});

describe('demo data', () => {
  it('loads once: a rerun changes nothing and says so', async () => {
    expect(firstLoad.status).toBe('loaded');
    const before = await Promise.all((['accounts', 'users', 'orders', 'touches', 'events'] as const).map((t) => count(first.db, t)));
    const again = await loadDemoData(first.db, { seed, password });
    expect(again.status).toBe('already_loaded');
    const after = await Promise.all((['accounts', 'users', 'orders', 'touches', 'events'] as const).map((t) => count(first.db, t)));
    expect(after).toEqual(before);
  });

  it('creates the demo team with the given password and at least 500 accounts', async () => {
    const users = await first.db.selectFrom('users').select(['email', 'role', 'password_hash']).where('email', 'like', '%@example.com').execute();
    expect(users).toHaveLength(8);
    for (const user of users) expect(user.role).toBe(user.email.split('@')[0]?.replace(/\d+$/, ''));
    const sales = users.find((u) => u.email === 'sales@example.com');
    expect(await verifyPassword(password, sales?.password_hash ?? '')).toBe(true);
    expect(await count(first.db, 'accounts')).toBeGreaterThanOrEqual(500);
    const owners = await one(first.db, sql<{ wrong: number }>`select count(*)::int as wrong from accounts a
      join users o on o.id = a.owner_id join users s on s.id = a.service_owner_id
      where o.role <> 'sales' or s.role <> 'service'`);
    expect(owners.wrong).toBe(0);
  });

  it('has two years of orders ending at the as-of date, each total the sum of its lines', async () => {
    const span = await one(first.db, sql<{ oldest: Date; newest: Date }>`select min(placed_at) as oldest, max(placed_at) as newest from orders`);
    expect((asOf.getTime() - span.oldest.getTime()) / DAY_MS).toBeGreaterThan(700);
    expect((asOf.getTime() - span.oldest.getTime()) / DAY_MS).toBeLessThanOrEqual(731);
    expect((asOf.getTime() - span.newest.getTime()) / DAY_MS).toBeLessThan(3);
    const mismatched = await one(first.db, sql<{ n: number }>`select count(*)::int as n from orders o
      left join lateral (select sum(l.quantity * l.unit_price) as sum, count(*) as lines from order_lines l
        where l.account_id = o.account_id and l.order_id = o.id) l on true
      where l.lines = 0 or l.sum is distinct from o.total`);
    expect(mismatched.n).toBe(0);
  });

  it('has open deals in every stage, and some of them stalled', async () => {
    const stages = await sql<{ stage: string }>`select distinct stage from deals where status = 'open' order by stage`.execute(first.db);
    expect(stages.rows.map((r) => r.stage)).toEqual(['lead', 'negotiation', 'proposal', 'qualified']);
    const closed = await sql<{ status: string }>`select distinct status from deals where status <> 'open' order by status`.execute(first.db);
    expect(closed.rows.map((r) => r.status)).toEqual(['lost', 'won']);
    // Stalled: an open deal with no planned touch, or whose earliest planned touch is overdue.
    const stalled = await one(first.db, sql<{ none: number; overdue: number }>`select
      count(*) filter (where next.due_at is null)::int as none,
      count(*) filter (where next.due_at < ${asOf}::timestamptz)::int as overdue
      from deals d left join lateral (select min(t.due_at) as due_at from touches t
        where t.account_id = d.account_id and t.deal_id = d.id and t.status = 'planned') next on true
      where d.status = 'open'`);
    expect(stalled.none).toBeGreaterThan(0);
    expect(stalled.overdue).toBeGreaterThan(0);
    const events = await sql<{ type: string }>`select distinct type from events order by type`.execute(first.db);
    expect(events.rows.map((r) => r.type)).toEqual(expect.arrayContaining(['deal.lost', 'deal.won', 'order.placed']));
  });

  it('never plants the public demo logins in a database that has users of its own', async () => {
    const before = await second.db.selectFrom('users').select('email').orderBy('email').execute();
    expect(before.length).toBeGreaterThan(0);
    await expect(loadDemoData(second.db, { seed, password })).rejects.toMatchObject({ code: 'conflict' });
    expect(await second.db.selectFrom('users').select('email').orderBy('email').execute()).toEqual(before);
    expect(await count(second.db, 'accounts')).toBe(0);
  });

  it('refuses a demo password that the password policy would refuse', async () => {
    await expect(loadDemoData(second.db, { seed, password: 'demo' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(loadDemoData(second.db, { seed, password: 'admin@example.com!' })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('leaves nothing behind when loading fails part-way', async () => {
    expect(await isDatabaseEmpty(second.db)).toBe(false);
    await second.db.deleteFrom('users').execute();
    expect(await isDatabaseEmpty(second.db)).toBe(true);
    // Account 1 of the demo already exists (the demo gives each account the id derived from its
    // external id), so the load fails after the demo users were created.
    await second.db.insertInto('accounts').values({ id: accountIdFromExternalId(externalIdFor(1)), name: 'In the way', external_id: externalIdFor(1) }).execute();
    await expect(loadDemoData(second.db, { seed, password })).rejects.toThrow(/duplicate key/);
    expect(await isDatabaseEmpty(second.db)).toBe(true);
    expect(await count(second.db, 'accounts')).toBe(1);
    await second.db.deleteFrom('accounts').execute();
  });

  it('gives the same data for the same seed in another database', async () => {
    expect((await loadDemoData(second.db, { seed, password })).status).toBe('loaded');
    expect(await isDatabaseEmpty(second.db)).toBe(false);
    const digest = (db: Db) =>
      one(db, sql<{ accounts: string; orders: string; touches: string }>`select
        (select md5(string_agg(id || external_id || name || lifecycle, ',' order by id)) from accounts) as accounts,
        (select md5(string_agg(id || number || total::text, ',' order by id)) from orders) as orders,
        (select md5(string_agg(id || subject || status || coalesce(extract(epoch from due_at)::text, ''), ',' order by id)) from touches) as touches`);
    expect(await digest(second.db)).toEqual(await digest(first.db));
  });
});
