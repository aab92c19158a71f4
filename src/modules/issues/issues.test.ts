import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { pinClock } from '../../platform/clock.ts';
import { openIssueCounts } from './sla.ts';

let t: TestApp;
beforeAll(async () => {
  pinClock('2026-03-02T09:00:00Z'); // a Monday
  t = await startTestApp();
});
afterAll(async () => {
  pinClock(null);
  await t.close();
});

async function account(name: string, serviceOwnerId: string | null) {
  const res = await t.as('sales')('POST', '/api/v1/accounts', { name, owner_id: t.userIds.sales, service_owner_id: serviceOwnerId, lifecycle: 'customer' });
  return res.json().id as string;
}

async function openIssue(accountId: string, title: string, severity = 'normal') {
  const res = await t.as('sales')('POST', '/api/v1/issues', { account_id: accountId, title, severity });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; assignee_id: string | null; status: string };
}

describe('issue routing', () => {
  it('never assigns an issue to a sales user; the owner gets a timeline entry and a note instead', async () => {
    const second = await t.db
      .insertInto('users')
      .values({ email: 'sid@test.example', name: 'Sid Service', role: 'service', password_hash: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const misconfigured = await account('Salesy Service Owner Ltd', t.userIds.sales);
    const first = await openIssue(misconfigured, 'Broken hinge');
    expect([t.userIds.service, second.id]).toContain(first.assignee_id);
    // The busier colleague is passed over: the next issue goes to whoever has fewer open ones.
    const noOwner = await account('Nobody Assigned GmbH', null);
    const next = await openIssue(noOwner, 'Late delivery');
    expect(next.assignee_id).not.toBe(first.assignee_id);
    const owned = await account('Owned By Sue', t.userIds.service);
    expect((await openIssue(owned, 'Wrong colour')).assignee_id).toBe(t.userIds.service);

    await t.db.updateTable('users').set({ active: false }).where('role', '=', 'service').execute();
    const orphan = await openIssue(noOwner, 'Nobody in service today');
    expect(orphan.assignee_id).toBeNull();
    await t.db.updateTable('users').set({ active: true }).where('role', '=', 'service').execute();

    const bySales = await t.as('sales')('PATCH', `/api/v1/issues/${first.id}`, { assignee_id: t.userIds.service });
    expect(bySales.statusCode).toBe(403);
    const handover = await t.as('manager')('PATCH', `/api/v1/issues/${first.id}`, { assignee_id: t.userIds.sales });
    expect(handover.statusCode).toBe(422);
    expect(handover.json().error.field).toBe('assignee_id');
    const assignees = await t.db.selectFrom('issues').select('assignee_id').execute();
    expect(assignees.map((a) => a.assignee_id)).not.toContain(t.userIds.sales);

    const note = await t.db.selectFrom('touches').selectAll().where('account_id', '=', misconfigured).executeTakeFirstOrThrow();
    expect(note).toMatchObject({ kind: 'note', status: 'planned', assignee_id: t.userIds.sales, subject: 'Service issue at Salesy Service Owner Ltd: Broken hinge' });
    const timeline = (await t.as('sales')('GET', `/api/v1/accounts/${misconfigured}/timeline`)).json();
    expect(timeline.items.map((i: { title: string }) => i.title)).toContain('Service issue opened');

    // Once service resolves the issue, the owner's heads-up leaves their day.
    const misconfiguredIssue = await t.db.selectFrom('issues').select('id').where('account_id', '=', misconfigured).executeTakeFirstOrThrow();
    const resolved = await t.as('service')('POST', `/api/v1/issues/${misconfiguredIssue.id}/status`, { status: 'resolved' });
    expect(resolved.statusCode, resolved.body).toBe(200);
    const after = await t.db.selectFrom('touches').select(['status', 'outcome']).where('id', '=', note.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ status: 'cancelled', outcome: 'The service issue was resolved' });
  });
});

describe('SLA', () => {
  it('flags an issue at risk, then breached, by the pinned clock', async () => {
    pinClock('2026-03-09T09:00:00Z');
    const accountId = await account('Clockwork Co', t.userIds.service);
    const urgent = await openIssue(accountId, 'Production line down', 'high'); // 4 h to respond, 24 h to resolve
    const calm = await openIssue(accountId, 'Typo on invoice', 'low');
    const stateOf = async (id: string) => (await t.as('service')('GET', `/api/v1/issues/${id}`)).json().sla_state;
    const listed = async (sla: string) => (await t.as('service')('GET', `/api/v1/issues?sla=${sla}&account_id=${accountId}`)).json().items.map((i: { id: string }) => i.id);

    pinClock('2026-03-09T11:30:00Z');
    expect(await stateOf(urgent.id)).toBe('ok');
    pinClock('2026-03-09T12:10:00Z');
    expect(await stateOf(urgent.id)).toBe('at_risk');
    expect(await listed('at_risk')).toEqual([urgent.id]);
    pinClock('2026-03-09T13:01:00Z');
    expect(await stateOf(urgent.id)).toBe('breached');
    expect(await listed('breached')).toEqual([urgent.id]);
    expect(await listed('at_risk')).toEqual([]);
    expect(await stateOf(calm.id)).toBe('ok');
    expect((await openIssueCounts(t.db)).get(accountId)).toEqual({ open: 2, breached: 1 });

    // A late first response stays a breach; answering the other in time keeps it clean.
    await t.as('service')('POST', `/api/v1/issues/${urgent.id}/replies`, { kind: 'call', body: 'Sent a technician' });
    await t.as('service')('POST', `/api/v1/issues/${calm.id}/replies`, { kind: 'email', body: 'Corrected invoice attached' });
    expect(await stateOf(urgent.id)).toBe('breached');
    expect(await stateOf(calm.id)).toBe('ok');
    pinClock('2026-03-10T10:00:00Z');
    expect(await stateOf(calm.id)).toBe('ok');
    expect((await openIssueCounts(t.db)).get(accountId)).toEqual({ open: 2, breached: 1 });

    await t.as('service')('POST', `/api/v1/issues/${urgent.id}/status`, { status: 'resolved' });
    const unresolved = (await t.as('service')('GET', `/api/v1/issues?status=unresolved&account_id=${accountId}`)).json();
    expect(unresolved.items.map((i: { id: string }) => i.id)).toEqual([calm.id]);
  });

  it('a new severity moves the deadlines; managers configure the SLA table', async () => {
    const change = await t.as('service')('PATCH', '/api/v1/service/slas/low', { first_response_hours: 2, resolution_hours: 48 });
    expect(change.statusCode).toBe(403);
    const ok = await t.as('manager')('PATCH', '/api/v1/service/slas/low', { first_response_hours: 12, resolution_hours: 96 });
    expect(ok.json()).toEqual({ severity: 'low', first_response_hours: 12, resolution_hours: 96 });
    const bad = await t.as('manager')('PATCH', '/api/v1/service/slas/low', { first_response_hours: 12, resolution_hours: 2 });
    expect(bad.statusCode).toBe(400);
    pinClock('2026-03-11T09:00:00Z');
    const accountId = await account('Severity Shift', t.userIds.service);
    const issue = await openIssue(accountId, 'Squeaky door', 'low');
    const row = await t.db.selectFrom('issues').select('first_response_due_at').where('id', '=', issue.id).executeTakeFirstOrThrow();
    expect(row.first_response_due_at.toISOString()).toBe('2026-03-11T21:00:00.000Z');
    const urgent = (await t.as('service')('PATCH', `/api/v1/issues/${issue.id}`, { severity: 'urgent' })).json();
    expect(new Date(urgent.first_response_due_at).toISOString()).toBe('2026-03-11T10:00:00.000Z');
  });
});

describe('status flow', () => {
  it('goes new → open on the first reply, resolves with an event, reopens and closes; replies are touches', async () => {
    pinClock('2026-03-12T09:00:00Z');
    const accountId = await account('Flow Partners', t.userIds.service);
    const issue = await openIssue(accountId, 'App crashes on login');
    const api = t.as('service');
    expect((await api('POST', `/api/v1/issues/${issue.id}/status`, { status: 'closed' })).statusCode).toBe(409);
    await api('POST', `/api/v1/issues/${issue.id}/replies`, { kind: 'note', body: 'Reproduced it internally' });
    expect((await api('GET', `/api/v1/issues/${issue.id}`)).json()).toMatchObject({ status: 'new', customer_contacts: 0, first_response_at: null });
    pinClock('2026-03-12T09:30:00Z');
    const reply = await api('POST', `/api/v1/issues/${issue.id}/replies`, { kind: 'email', body: 'We are on it' });
    expect(reply.json()).toMatchObject({ kind: 'email', status: 'done', subject: 'Re: App crashes on login' });
    const open = (await api('GET', `/api/v1/issues/${issue.id}`)).json();
    expect(open).toMatchObject({ status: 'open', customer_contacts: 1 });
    expect(open.replies.map((r: { kind: string; customer_contact: boolean }) => [r.kind, r.customer_contact])).toEqual([['note', false], ['email', true]]);

    expect((await api('POST', `/api/v1/issues/${issue.id}/status`, { status: 'waiting' })).json().status).toBe('waiting');
    expect((await api('POST', `/api/v1/issues/${issue.id}/status`, { status: 'resolved' })).json().status).toBe('resolved');
    const reopened = (await api('POST', `/api/v1/issues/${issue.id}/status`, { status: 'open', note: 'Crashes again' })).json();
    expect(reopened).toMatchObject({ status: 'open', reopened_count: 1, resolved_at: null });
    await api('POST', `/api/v1/issues/${issue.id}/status`, { status: 'resolved' });
    expect((await api('POST', `/api/v1/issues/${issue.id}/status`, { status: 'closed' })).json().status).toBe('closed');
    expect((await api('POST', `/api/v1/issues/${issue.id}/replies`, { kind: 'email', body: 'Late' })).statusCode).toBe(409);
    const events = await t.db.selectFrom('events').select('type').where('subject_id', '=', issue.id).orderBy('id').execute();
    expect(events.map((e) => e.type)).toEqual(['issue.created', 'issue.status_changed', 'issue.resolved', 'issue.reopened', 'issue.resolved', 'issue.closed']);
  });
});
