import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { pinClock } from '../../platform/clock.ts';
import { planGoalReviews } from './goal-reviews.ts';

let t: TestApp;
let accountId: string;
beforeAll(async () => {
  pinClock('2026-07-06T08:00:00Z'); // a Monday
  t = await startTestApp();
  accountId = (await t.as('sales')('POST', '/api/v1/accounts', { name: 'Goal Getters', owner_id: t.userIds.sales, service_owner_id: t.userIds.service })).json().id;
});
afterAll(async () => {
  pinClock(null);
  await t.close();
});

const goal = async (text: string, target_on: string | null, measure?: string) => {
  const res = await t.as('sales')('POST', '/api/v1/goals', { account_id: accountId, text, target_on, measure });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
};
const reviews = () => t.db.selectFrom('touches').selectAll().where('account_id', '=', accountId).where('kind', '=', 'check_in').execute();

describe('customer goals', () => {
  it('plans one review touch at once for a goal due within 30 days, however often the job runs', async () => {
    const soon = await goal('Open a second shop', '2026-08-01', 'Shop opened and stocked');
    await goal('Halve waste', '2026-12-31');
    await goal('Be the best-known bakery in town', null);
    expect(await reviews()).toHaveLength(1);
    expect(await planGoalReviews(t.db)).toBe(0);
    const [review] = await reviews();
    expect(review).toMatchObject({ assignee_id: t.userIds.sales, status: 'planned', subject: 'Review the goal of Goal Getters: Open a second shop' });
    expect(review?.notes).toContain('Target date 2026-08-01, measured by: Shop opened and stocked');
    expect(review?.due_at?.toISOString()).toBe('2026-07-07T09:00:00.000Z');
    const listed = (await t.as('sales')('GET', `/api/v1/goals?account_id=${accountId}`)).json().items;
    expect(listed.map((g: { text: string }) => g.text)).toEqual(['Open a second shop', 'Halve waste', 'Be the best-known bakery in town']);
    expect(listed[0]).toMatchObject({ id: soon, review_status: 'planned' });

    pinClock('2026-12-02T08:00:00Z');
    expect(await planGoalReviews(t.db)).toBe(1);
    expect(await reviews()).toHaveLength(2);
  });

  it('marks a goal achieved once, cancelling its planned review; a new target date plans a new one', async () => {
    pinClock('2026-12-02T08:00:00Z');
    const [first] = (await t.as('sales')('GET', `/api/v1/goals?account_id=${accountId}&status=open`)).json().items;
    const achieved = await t.as('sales')('POST', `/api/v1/goals/${first.id}/achieve`);
    expect(achieved.json()).toMatchObject({ status: 'achieved' });
    expect((await t.as('sales')('POST', `/api/v1/goals/${first.id}/achieve`)).statusCode).toBe(409);
    const review = await t.db.selectFrom('touches').select(['status', 'outcome']).where('id', '=', first.review_touch_id).executeTakeFirstOrThrow();
    expect(review).toEqual({ status: 'cancelled', outcome: 'Goal achieved' });
    const events = await t.db.selectFrom('events').select('type').where('subject_id', '=', first.id).orderBy('id').execute();
    expect(events.map((e) => e.type)).toEqual(['goal.recorded', 'goal.achieved']);

    const halve = (await t.as('sales')('GET', `/api/v1/goals?account_id=${accountId}&status=open`)).json().items.find((g: { text: string }) => g.text === 'Halve waste');
    const retargeted = await t.as('sales')('PATCH', `/api/v1/goals/${halve.id}`, { target_on: '2026-12-20' });
    expect(retargeted.json().review_touch_id).toEqual(expect.any(String));
    expect(await planGoalReviews(t.db)).toBe(0);
    const moved = (await reviews()).filter((r) => r.status === 'planned');
    expect(moved).toHaveLength(1);
    const bad = await t.as('sales')('POST', '/api/v1/goals', { account_id: accountId, text: 'x', target_on: '31.12.2026' });
    expect(bad.json().error.field).toBe('target_on');
  });
});
