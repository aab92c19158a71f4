import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { pinClock } from '../../platform/clock.ts';

// Someone going on holiday says so on their profile: the work due while they are away goes to who
// covers for them, once, and the customer's timeline shows who took it over.

let t: TestApp;
let coverId: string;
let accountId: string;
beforeAll(async () => {
  pinClock('2026-07-01T08:00:00Z');
  t = await startTestApp();
  const cover = await t.as('admin')('POST', '/api/v1/users', { email: 'cover@test.example', name: 'Cora Cover', role: 'service', password: 'a-long-pass-phrase-9' });
  coverId = cover.json().id;
  accountId = (await t.as('admin')('POST', '/api/v1/accounts', { name: 'Holiday Hats' })).json().id;
});
afterAll(async () => {
  pinClock(null);
  await t.close();
});

async function planFor(assigneeId: string, dueAt: string) {
  const res = await t.as('admin')('POST', '/api/v1/touches', { account_id: accountId, kind: 'check_in', subject: `Check in ${dueAt}`, assignee_id: assigneeId, due_at: dueAt });
  expect(res.statusCode).toBe(201);
  return res.json<{ id: string }>().id;
}

const assigneeOf = async (id: string) => (await t.db.selectFrom('touches').select('assignee_id').where('id', '=', id).executeTakeFirstOrThrow()).assignee_id;
const coverEvents = () => t.db.selectFrom('events').select('subject_id').where('type', '=', 'touch.covered_while_away').execute();

describe('time away', () => {
  it('moves the work due in the range to the least-loaded colleague of the same role, exactly once', async () => {
    const during = await planFor(t.userIds.service, '2026-07-14T09:00:00Z');
    const after = await planFor(t.userIds.service, '2026-07-25T09:00:00Z');
    const away = { away_from: '2026-07-13', away_until: '2026-07-24' };
    const saved = await t.as('service')('PATCH', '/api/v1/me', away);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject(away);
    expect(await assigneeOf(during)).toBe(coverId);
    expect(await assigneeOf(after)).toBe(t.userIds.service);

    expect((await t.as('service')('PATCH', '/api/v1/me', away)).statusCode).toBe(200);
    expect((await coverEvents()).map((e) => e.subject_id)).toEqual([during]);
    const timeline = (await t.as('admin')('GET', `/api/v1/accounts/${accountId}/timeline?limit=100`)).json().items;
    expect(timeline).toContainEqual(expect.objectContaining({ kind: 'event', title: 'Task taken over while a colleague is away' }));
  });

  it('moves the work to the named backup', async () => {
    const during = await planFor(t.userIds.sales, '2026-08-04T09:00:00Z');
    const res = await t.as('sales')('PATCH', '/api/v1/me', { away_from: '2026-08-03', away_until: '2026-08-07', away_backup_id: t.userIds.manager });
    expect(res.statusCode).toBe(200);
    expect(await assigneeOf(during)).toBe(t.userIds.manager);
  });

  it('refuses a range that ends before it starts, naming the field, and moves nothing', async () => {
    const during = await planFor(t.userIds.sales, '2026-09-02T09:00:00Z');
    const res = await t.as('sales')('PATCH', '/api/v1/me', { away_from: '2026-09-04', away_until: '2026-09-01' });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('away_until');
    expect(await assigneeOf(during)).toBe(t.userIds.sales);
  });
});
