import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { pinClock } from '../../platform/clock.ts';

let t: TestApp;
beforeAll(async () => {
  pinClock('2026-04-07T09:00:00Z');
  t = await startTestApp();
});
afterAll(async () => {
  pinClock(null);
  await t.close();
});

describe('service stats', () => {
  it('computes first-contact resolution and median times on a hand-checked example', async () => {
    const sid = await t.db.insertInto('users').values({ email: 'sid@test.example', name: 'Sid Service', role: 'service', password_hash: 'x' }).returning('id').executeTakeFirstOrThrow();
    const sales = t.as('sales');
    const forSue = (await sales('POST', '/api/v1/accounts', { name: 'Sue Customer', service_owner_id: t.userIds.service })).json().id;
    const forSid = (await sales('POST', '/api/v1/accounts', { name: 'Sid Customer', service_owner_id: sid.id })).json().id;
    const open = async (accountId: string, title: string) => (await sales('POST', '/api/v1/issues', { account_id: accountId, title })).json().id as string;
    const [i1, i2, i3] = [await open(forSue, 'One'), await open(forSue, 'Two'), await open(forSue, 'Three')];
    const [i4] = [await open(forSid, 'Four'), await open(forSid, 'Five, still open')];
    const at = async (time: string, action: () => Promise<unknown>) => {
      pinClock(`2026-04-07T${time}:00Z`);
      await action();
    };
    const reply = (id: string, kind: string) => t.as('service')('POST', `/api/v1/issues/${id}/replies`, { kind, body: 'Reply' });
    const status = (id: string, to: string) => t.as('service')('POST', `/api/v1/issues/${id}/status`, { status: to });
    // One: one email, resolved → FCR (first response 60 min, resolution 120 min).
    // Two: two contacts → not FCR (30, 240). Three: one call but reopened → not FCR (20, 360).
    // Four: an internal note does not count, one call → FCR (40, 100). Five: open, no reply.
    await at('09:20', () => reply(i3, 'call'));
    await at('09:30', () => reply(i2, 'call'));
    await at('09:35', () => reply(i4, 'note'));
    await at('09:40', () => reply(i4, 'call'));
    await at('10:00', () => reply(i1, 'email'));
    await at('10:00', () => status(i3, 'resolved'));
    await at('10:40', () => status(i4, 'resolved'));
    await at('11:00', () => status(i1, 'resolved'));
    await at('12:00', () => reply(i2, 'email'));
    await at('13:00', () => status(i2, 'resolved'));
    await at('14:00', () => status(i3, 'open'));
    await at('15:00', () => status(i3, 'resolved'));
    pinClock('2026-04-07T16:00:00Z');

    const stats = (await t.as('manager')('GET', '/api/v1/service/stats?from=2026-04-07T00:00:00Z')).json();
    expect(stats.overall).toEqual({
      issues: 5,
      resolved: 4,
      first_contact_resolved: 2,
      fcr_rate: 0.5,
      median_first_response_minutes: 35,
      median_resolution_minutes: 180,
      breached: 0,
    });
    const byName = Object.fromEntries(stats.agents.map((a: { assignee_name: string }) => [a.assignee_name, a]));
    expect(byName['Sue Service']).toMatchObject({ issues: 3, resolved: 3, first_contact_resolved: 1, fcr_rate: 0.3333, median_first_response_minutes: 30, median_resolution_minutes: 240 });
    expect(byName['Sid Service']).toMatchObject({ issues: 2, resolved: 1, first_contact_resolved: 1, fcr_rate: 1, median_first_response_minutes: 40, median_resolution_minutes: 100 });
    const empty = (await t.as('manager')('GET', '/api/v1/service/stats?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z')).json();
    expect(empty).toMatchObject({ overall: { issues: 0, fcr_rate: null }, agents: [] });
  });
});
