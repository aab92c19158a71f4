import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryRecorder } from '../../bench/query-recorder.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

// On Citus, the work of one account must reach one shard (decision 0028): every statement the API
// runs for an account page, its timeline and completing one of its touches is planned with at most
// one task. Two global reads are named exceptions: a touch addressed by its id alone is first found
// through the id index of every shard (decision 0002) and from then on by (account_id, id); and
// the date of the newest scores is one max() over every shard's as_of index.

let t: TestApp;
let recorder: QueryRecorder;
let accountId: string;
let touchId: string;

beforeAll(async () => {
  t = await startTestApp({}, (db) => {
    recorder = new QueryRecorder(db);
    return recorder;
  });
  const api = t.as('sales');
  accountId = (await api('POST', '/api/v1/accounts', { name: 'Single Shard Ltd' })).json().id;
  await api('POST', '/api/v1/contacts', { account_id: accountId, name: 'Sam Shard', email: 'sam@shard.example' });
  await api('POST', '/api/v1/orders', { account_id: accountId, lines: [{ description: 'Beans', unit_price: 10, quantity: 2 }] });
  const deal = (await api('POST', '/api/v1/deals', { account_id: accountId, title: 'Renewal' })).json();
  touchId = (await api('POST', '/api/v1/touches', { account_id: accountId, deal_id: deal.id, kind: 'call', subject: 'Check in', due_at: '2030-01-15T09:00:00Z' })).json().id;
});
afterAll(async () => {
  await t.close();
});

/** The largest task count of the statement's Citus plan (0 when no distributed table is involved). */
async function tasksOf(query: CompiledQuery): Promise<number> {
  const plan = await t.db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${query.sql}`, [...query.parameters]));
  const counts = plan.rows.flatMap((r) => [...r['QUERY PLAN'].matchAll(/Task Count: (\d+)/g)].map((m) => Number(m[1])));
  return Math.max(0, ...counts);
}

/** Statements a request ran, with their task counts; EXPLAIN only plans, so writes are not repeated. */
async function planned(request: () => Promise<{ statusCode: number }>, expected: number) {
  recorder.queries = [];
  const res = await request();
  expect(res.statusCode).toBe(expected);
  const statements = recorder.queries.filter((q) => !/^\s*(begin|commit|rollback|savepoint|release|select pg_advisory)/i.test(q.sql));
  return Promise.all(statements.map(async (q) => ({ sql: q.sql.slice(0, 160), tasks: await tasksOf(q) })));
}

const fannedOut = (plans: { sql: string; tasks: number }[]) => plans.filter((p) => p.tasks > 1).map((p) => p.sql);

describe('one account on Citus', () => {
  it('reads the account page from one shard', async () => {
    const plans = await planned(() => t.as('sales')('GET', `/api/v1/accounts/${accountId}`), 200);
    expect(plans.length).toBeGreaterThan(2);
    expect(fannedOut(plans)).toEqual(['select max(as_of)::text as "as_of" from "account_scores"']);
  });

  it('reads the timeline from one shard', async () => {
    const plans = await planned(() => t.as('sales')('GET', `/api/v1/accounts/${accountId}/timeline`), 200);
    expect(plans.length).toBeGreaterThan(0);
    expect(fannedOut(plans)).toEqual([]);
  });

  it('completes a touch on one shard once the touch id has named its account', async () => {
    const nextStep = { kind: 'meeting', assignee_id: t.userIds.sales, due_at: '2030-02-01T09:00:00Z' };
    const plans = await planned(() => t.as('sales')('POST', `/api/v1/touches/${touchId}/complete`, { outcome: 'Happy', next_step: nextStep }), 200);
    // The route's access check and the service each find the touch's account by its id.
    expect(fannedOut(plans)).toEqual(['select "account_id", "assignee_id" from "touches" where "id" = $1', 'select account_id from "touches" where id = $1']);
    const done = await t.db.selectFrom('touches').select('status').where('account_id', '=', accountId).where('id', '=', touchId).executeTakeFirstOrThrow();
    expect(done.status).toBe('done');
    // The deal's next step moved with it, in the same transaction (no trigger does this on Citus).
    const deal = await t.db.selectFrom('deals').select('next_step_at').where('account_id', '=', accountId).executeTakeFirstOrThrow();
    expect(deal.next_step_at?.toISOString()).toBe('2030-02-01T09:00:00.000Z');
  });
});
