import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { pinClock } from '../../platform/clock.ts';
import { queueDailyDigests } from './digest.ts';

let t: TestApp;
let accountId: string;
const links = { publicUrl: 'http://app.test', secret: 'test-secret-for-links' };
beforeAll(async () => {
  pinClock('2026-09-14T06:30:00Z'); // Monday 08:30 in Berlin
  t = await startTestApp();
  await t.as('sales')('PATCH', '/api/v1/me', { time_zone: 'Europe/Berlin' });
  accountId = (await t.as('sales')('POST', '/api/v1/accounts', { name: 'Alpen Bikes', owner_id: t.userIds.sales, lifecycle: 'customer' })).json().id;
  const plan = (subject: string, due: string, kind = 'call') =>
    t.as('sales')('POST', '/api/v1/touches', { account_id: accountId, kind, subject, due_at: due });
  await plan('Yesterday, still open', '2026-09-13T09:00:00Z');
  await plan('Late tonight in Berlin', '2026-09-14T21:30:00Z');
  await plan('Tomorrow 00:30 in Berlin', '2026-09-14T22:30:00Z');
  await plan('Next week', '2026-09-30T09:00:00Z');
});
afterAll(async () => {
  pinClock(null);
  await t.close();
});

describe('My day', () => {
  it("groups a person's planned touches into overdue, today and upcoming in their own time zone", async () => {
    const day = (await t.as('sales')('GET', '/api/v1/me/day')).json();
    expect(day).toMatchObject({ date: '2026-09-14', time_zone: 'Europe/Berlin' });
    const subjects = (group: { subject: string }[]) => group.map((x) => x.subject);
    expect(subjects(day.overdue)).toEqual(['Yesterday, still open']);
    expect(subjects(day.today)).toEqual(['Late tonight in Berlin']);
    expect(subjects(day.upcoming)).toEqual(['Tomorrow 00:30 in Berlin']);
    expect(day.today[0]).toMatchObject({ account_name: 'Alpen Bikes', kind: 'call' });
    expect((await t.as('service')('GET', '/api/v1/me/day')).json().overdue).toEqual([]);
  });

  it('snoozes a touch to a later working day and refuses an unknown time zone', async () => {
    const day = (await t.as('sales')('GET', '/api/v1/me/day')).json();
    const snoozed = await t.as('sales')('POST', `/api/v1/touches/${day.overdue[0].id}/snooze`, { days: 5 });
    expect(new Date(snoozed.json().due_at).toISOString()).toBe('2026-09-21T07:00:00.000Z'); // Saturday → Monday 09:00 Berlin
    const after = (await t.as('sales')('GET', '/api/v1/me/day')).json();
    expect(after.overdue).toEqual([]);
    const bad = await t.as('sales')('PATCH', '/api/v1/me', { time_zone: 'Mars/Olympus' });
    expect(bad.json().error).toMatchObject({ code: 'invalid_input', field: 'time_zone' });
  });

  it('snoozes a touch not yet due from its own date, never to an earlier one', async () => {
    const later = (await t.as('sales')('POST', '/api/v1/touches', { account_id: accountId, kind: 'call', subject: 'Spring range', due_at: '2027-03-01T08:00:00Z' })).json();
    const snoozed = await t.as('sales')('POST', `/api/v1/touches/${later.id}/snooze`, { days: 1 });
    expect(snoozed.statusCode).toBe(200);
    expect(new Date(snoozed.json().due_at).toISOString()).toBe('2027-03-02T08:00:00.000Z'); // Monday → Tuesday 09:00 Berlin
  });

  it('queues one morning digest per person per day, only for those who asked', async () => {
    expect(await queueDailyDigests(t.db, links)).toBe(0);
    await t.as('sales')('PATCH', '/api/v1/me', { digest_enabled: true });
    expect(await queueDailyDigests(t.db, links)).toBe(1);
    expect(await queueDailyDigests(t.db, links)).toBe(0);
    const digest = await t.db.selectFrom('messages').selectAll().where('user_id', '=', t.userIds.sales).executeTakeFirstOrThrow();
    expect(digest.subject).toBe('Your day: 0 overdue, 1 today');
    expect(digest.body_text).toContain('Late tonight in Berlin — Alpen Bikes (due Monday 14 September)');
    expect(digest.body_text).toContain('here is your day (Monday 14 September)');
    expect(digest.body_text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});

describe('attention gaps', () => {
  it('lists customers with no recent touch or nothing planned, most valuable first, for managers only', async () => {
    const api = t.as('sales');
    const quiet = (await api('POST', '/api/v1/accounts', { name: 'Quiet Quarry', owner_id: t.userIds.sales })).json();
    await api('POST', '/api/v1/orders', { account_id: quiet.id, placed_at: '2026-06-01T10:00:00Z', lines: [{ description: 'Stone', quantity: 1, unit_price: 5000 }] });
    const small = (await api('POST', '/api/v1/accounts', { name: 'Small Shop', owner_id: t.userIds.sales })).json();
    await api('POST', '/api/v1/orders', { account_id: small.id, placed_at: '2026-06-01T10:00:00Z', lines: [{ description: 'Pens', quantity: 1, unit_price: 10 }] });
    expect((await api('GET', '/api/v1/attention')).statusCode).toBe(403);
    const gaps = (await t.as('manager')('GET', '/api/v1/attention?days=30')).json();
    const names = gaps.items.map((g: { name: string }) => g.name);
    expect(names).toEqual(['Quiet Quarry', 'Small Shop', 'Alpen Bikes']);
    expect(gaps.items[2]).toMatchObject({ revenue_12m: 0, reasons: ['no_touch'] });
    expect(gaps.items[0]).toMatchObject({ owner_name: 'Sam Sales', revenue_12m: 5000, reasons: ['no_touch', 'no_next_touch'] });
    await t.as('manager')('POST', `/api/v1/accounts/${small.id}/snooze`, { days: 10 });
    const later = (await t.as('manager')('GET', '/api/v1/attention?days=30&limit=1')).json();
    expect(later.items.map((g: { name: string }) => g.name)).toEqual(['Quiet Quarry']);
    const rest = (await t.as('manager')('GET', `/api/v1/attention?days=30&cursor=${later.next}`)).json();
    expect(rest.items.map((g: { name: string }) => g.name)).toEqual(['Alpen Bikes']);
  });
});
