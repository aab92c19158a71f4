import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { pinClock } from '../../platform/clock.ts';

let t: TestApp;
beforeAll(async () => {
  pinClock('2026-06-01T10:00:00Z');
  t = await startTestApp();
});
afterAll(async () => {
  pinClock(null);
  await t.close();
});

describe('calendar feed', () => {
  it('lists my planned touches in a feed a real iCalendar parser reads, until I revoke the link', async () => {
    const sales = t.as('sales');
    const account = (await sales('POST', '/api/v1/accounts', { name: 'Kaffe, Kaka & Co', owner_id: t.userIds.sales })).json();
    const plan = (subject: string, due_at: string, assignee_id: string, kind = 'call') =>
      sales('POST', '/api/v1/touches', { account_id: account.id, kind, subject, due_at, assignee_id, notes: 'Ask about the new grinder;\nbring samples' });
    expect((await plan('Quarterly check-in', '2026-06-03T09:00:00Z', t.userIds.sales, 'meeting')).statusCode).toBe(201);
    await plan('Follow-up call', '2026-06-05T13:30:00Z', t.userIds.sales);
    await plan('Someone else’s call', '2026-06-04T08:00:00Z', t.userIds.service);

    expect((await sales('GET', '/api/v1/me/calendar-feed')).json()).toEqual({ active: false, created_at: null });
    const created = await sales('POST', '/api/v1/me/calendar-feed');
    expect(created.statusCode).toBe(201);
    const url = new URL(created.json().url);
    expect(url.pathname).toMatch(/^\/calendar\/acal_[\w-]{43}\.ics$/);

    const feed = await t.app.inject({ method: 'GET', url: url.pathname });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const calendar = new ICAL.Component(ICAL.parse(feed.body));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => [e.summary, e.startDate.toJSDate().toISOString(), e.endDate.toJSDate().toISOString()])).toEqual([
      ['Meeting: Quarterly check-in (Kaffe, Kaka & Co)', '2026-06-03T09:00:00.000Z', '2026-06-03T10:00:00.000Z'],
      ['Call: Follow-up call (Kaffe, Kaka & Co)', '2026-06-05T13:30:00.000Z', '2026-06-05T14:00:00.000Z'],
    ]);
    expect(events[0]?.description).toContain('Ask about the new grinder;\nbring samples');
    expect(events[0]?.uid).toMatch(/@afterclose$/);

    const rotated = await sales('POST', '/api/v1/me/calendar-feed');
    expect((await t.app.inject({ method: 'GET', url: url.pathname })).statusCode).toBe(404);
    const current = new URL(rotated.json().url).pathname;
    expect((await t.app.inject({ method: 'GET', url: current })).statusCode).toBe(200);
    expect((await sales('DELETE', '/api/v1/me/calendar-feed')).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: current })).statusCode).toBe(404);
  });
});
