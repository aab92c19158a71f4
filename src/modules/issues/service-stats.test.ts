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
    // Sue resolved One to Four (Four is Sid's, but Sue's call solved it); Sid keeps the open Five.
    const byName = Object.fromEntries(stats.agents.map((a: { agent_name: string }) => [a.agent_name, a]));
    expect(byName['Sue Service']).toMatchObject({ issues: 4, resolved: 4, first_contact_resolved: 2, fcr_rate: 0.5, median_first_response_minutes: 35, median_resolution_minutes: 180 });
    expect(byName['Sid Service']).toMatchObject({ issues: 1, resolved: 0, first_contact_resolved: 0, fcr_rate: null, median_first_response_minutes: null, median_resolution_minutes: null });
    const empty = (await t.as('manager')('GET', '/api/v1/service/stats?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z')).json();
    expect(empty).toMatchObject({ overall: { issues: 0, fcr_rate: null }, agents: [] });
  });

  it('credits a first-contact resolution to the agent who resolved the issue, not to its assignee', async () => {
    pinClock('2026-05-04T09:00:00Z');
    const tia = await t.db.insertInto('users').values({ email: 'tia@test.example', name: 'Tia Service', role: 'service', password_hash: 'x' }).returning('id').executeTakeFirstOrThrow();
    const accountId = (await t.as('sales')('POST', '/api/v1/accounts', { name: 'Tia Customer', service_owner_id: tia.id })).json().id;
    const issue = (await t.as('sales')('POST', '/api/v1/issues', { account_id: accountId, title: 'Broken hinge' })).json();
    expect(issue.assignee_id).toBe(tia.id);
    pinClock('2026-05-04T09:30:00Z');
    await t.as('service')('POST', `/api/v1/issues/${issue.id}/replies`, { kind: 'call', body: 'Sent a new hinge' });
    pinClock('2026-05-04T10:00:00Z');
    expect((await t.as('service')('POST', `/api/v1/issues/${issue.id}/status`, { status: 'resolved' })).statusCode).toBe(200);
    const row = await t.db.selectFrom('issues').select(['assignee_id', 'resolved_by']).where('id', '=', issue.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ assignee_id: tia.id, resolved_by: t.userIds.service });

    const stats = (await t.as('manager')('GET', '/api/v1/service/stats?from=2026-05-04T00:00:00Z')).json();
    expect(stats.agents).toEqual([
      expect.objectContaining({ agent_id: t.userIds.service, agent_name: 'Sue Service', issues: 1, resolved: 1, first_contact_resolved: 1, fcr_rate: 1 }),
    ]);

    // Reopened, the issue is nobody's resolution any more and goes back to its assignee.
    pinClock('2026-05-04T11:00:00Z');
    await t.as('service')('POST', `/api/v1/issues/${issue.id}/status`, { status: 'open' });
    const reopened = (await t.as('manager')('GET', '/api/v1/service/stats?from=2026-05-04T00:00:00Z')).json();
    expect(reopened.agents).toEqual([expect.objectContaining({ agent_id: tia.id, agent_name: 'Tia Service', issues: 1, resolved: 0, first_contact_resolved: 0 })]);
  });
});
