import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';

// Admins set how much work a person takes per day; the planner reads it when playbooks place tasks.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

let serial = 0;
async function newUser(role: string) {
  const email = `cap-${++serial}@test.example`;
  const res = await t.as('admin')('POST', '/api/v1/users', { email, name: `Person ${serial}`, role, password: 'a-long-pass-phrase-9' });
  expect(res.statusCode).toBe(201);
  return res.json<{ id: string }>().id;
}

describe('a person capacity', () => {
  it('starts from the default of their role', async () => {
    const ids = { sales: await newUser('sales'), service: await newUser('service'), manager: await newUser('manager') };
    const users = (await t.as('admin')('GET', '/api/v1/users')).json<{ items: { id: string; touches_per_day: number; working_days: number[] }[] }>().items;
    const capacityOf = (id: string) => users.find((u) => u.id === id)?.touches_per_day;
    expect([capacityOf(ids.sales), capacityOf(ids.service), capacityOf(ids.manager)]).toEqual([12, 20, 6]);
    expect(users.find((u) => u.id === ids.sales)?.working_days).toEqual([1, 2, 3, 4, 5]);
  });

  it('is changed by an admin, and the change is audited', async () => {
    const id = await newUser('sales');
    const res = await t.as('admin')('PATCH', `/api/v1/users/${id}`, { touches_per_day: 8, working_days: [1, 2, 3, 4], work_start_hour: 8, work_end_hour: 16 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ touches_per_day: 8, working_days: [1, 2, 3, 4], work_start_hour: 8, work_end_hour: 16 });
    const audit = await t.db.selectFrom('audit_log').select('changes').where('action', '=', 'user.capacity_changed').where('entity_id', '=', id).executeTakeFirstOrThrow();
    expect(audit.changes).toMatchObject({ touches_per_day: { before: 12, after: 8 } });
  });

  it('refuses a day that ends before it starts, and no working day at all, naming the field', async () => {
    const id = await newUser('service');
    const backwards = await t.as('admin')('PATCH', `/api/v1/users/${id}`, { work_start_hour: 17, work_end_hour: 9 });
    expect(backwards.statusCode).toBe(400);
    expect(JSON.stringify(backwards.json())).toContain('work_end_hour');
    const none = await t.as('admin')('PATCH', `/api/v1/users/${id}`, { working_days: [] });
    expect(none.statusCode).toBe(400);
    expect(JSON.stringify(none.json())).toContain('working_days');
  });

  it('is not changed by someone who is not an admin', async () => {
    const id = await newUser('sales');
    expect((await t.as('manager')('PATCH', `/api/v1/users/${id}`, { touches_per_day: 50 })).statusCode).toBe(403);
  });
});
