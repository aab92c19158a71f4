import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';

// Admins run the team from the app: deactivating someone hands their planned touches to a colleague
// and locks them out everywhere; everyone manages their own profile, password and API tokens.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

let serial = 0;
const sameOrigin = { origin: 'http://localhost', host: 'localhost' };
const strongPassword = 'a-long-pass-phrase-9';

async function newRep(role = 'sales') {
  const email = `rep-${++serial}@test.example`;
  const res = await t.as('admin')('POST', '/api/v1/users', { email, name: `Rep ${serial}`, role, password: strongPassword });
  expect(res.statusCode).toBe(201);
  return { id: res.json<{ id: string }>().id, email };
}

const logIn = (email: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: `10.9.0.${++serial}` });

async function sessionOf(email: string, password = strongPassword) {
  const res = await logIn(email, password);
  expect(res.statusCode).toBe(200);
  return res.cookies.find((c) => c.name === 'afterclose_session')?.value ?? '';
}

const asSession = (session: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: Record<string, unknown>) =>
  t.app.inject({ method, url, headers: sameOrigin, cookies: { afterclose_session: session }, ...(payload ? { payload } : {}) });

async function plannedTouchFor(assigneeId: string) {
  const account = await t.as('admin')('POST', '/api/v1/accounts', { name: `Leaver account ${++serial}` });
  const touch = await t.as('admin')('POST', '/api/v1/touches', {
    account_id: account.json().id,
    kind: 'call',
    subject: 'Check in',
    assignee_id: assigneeId,
    due_at: '2030-01-15T09:00:00Z',
  });
  expect(touch.statusCode).toBe(201);
  return touch.json<{ id: string; account_id: string }>();
}

describe('deactivating a user', () => {
  it('refuses their password, their open session and their API token', async () => {
    const rep = await newRep();
    // As someone who has replaced the administrator's password (until then no token is handed out).
    await t.db.updateTable('users').set({ must_change_password: false }).where('id', '=', rep.id).execute();
    const session = await sessionOf(rep.email);
    const token = (await asSession(session, 'POST', '/api/v1/auth/tokens', { name: 'script' })).json<{ token: string }>().token;
    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer })).statusCode).toBe(200);

    expect((await t.as('admin')('PATCH', `/api/v1/users/${rep.id}`, { active: false })).statusCode).toBe(200);

    expect((await logIn(rep.email, strongPassword)).statusCode).toBe(401);
    expect((await asSession(session, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer })).statusCode).toBe(401);

    expect((await t.as('admin')('PATCH', `/api/v1/users/${rep.id}`, { active: true })).statusCode).toBe(200);
    expect((await logIn(rep.email, strongPassword)).statusCode).toBe(200);
  });

  it('hands their planned touches to the chosen colleague, with an event per touch and one audit entry', async () => {
    const rep = await newRep();
    const first = await plannedTouchFor(rep.id);
    const second = await plannedTouchFor(rep.id);

    const res = await t.as('admin')('PATCH', `/api/v1/users/${rep.id}`, { active: false, hand_over_to: t.userIds.manager });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ active: false });

    const moved = await t.db.selectFrom('touches').select(['id', 'assignee_id', 'status']).where('id', 'in', [first.id, second.id]).execute();
    expect(moved.map((m) => m.assignee_id)).toEqual([t.userIds.manager, t.userIds.manager]);
    expect(moved.every((m) => m.status === 'planned')).toBe(true);
    const events = await t.db.selectFrom('events').select(['subject_id', 'payload']).where('type', '=', 'touch.handed_over').where('subject_id', 'in', [first.id, second.id]).execute();
    expect(events).toHaveLength(2);
    expect(events[0]?.payload).toMatchObject({ from_user_id: rep.id, to_user_id: t.userIds.manager, kind: 'call' });
    const audit = await t.db.selectFrom('audit_log').select('changes').where('action', '=', 'user.deactivated').where('entity_id', '=', rep.id).executeTakeFirstOrThrow();
    expect(audit.changes).toMatchObject({ handed_over: { planned_touches: 2, accounts: 0, open_deals: 0, open_issues: 0 }, handed_over_to: t.userIds.manager });

    const list = await t.as('admin')('GET', '/api/v1/users');
    expect(list.json().items.find((u: { id: string }) => u.id === rep.id)).toMatchObject({ active: false, work_held: {} });
  });

  it('hands over the accounts they own or serve, their open deals and their open issues, which only ever go to the service team', async () => {
    const seller = await newRep('sales');
    const agent = await newRep('service');
    const account = (await t.as('admin')('POST', '/api/v1/accounts', { name: 'Leaver Customer AG', owner_id: seller.id, service_owner_id: agent.id, lifecycle: 'customer' })).json();
    const deal = (await t.as('admin')('POST', '/api/v1/deals', { account_id: account.id, title: 'Refit', value: 1000, owner_id: seller.id })).json();
    const issue = (await t.as('admin')('POST', '/api/v1/issues', { account_id: account.id, title: 'Grinder jams' })).json();
    expect(issue.assignee_id).toBe(agent.id);

    const users = (await t.as('admin')('GET', '/api/v1/users')).json().items;
    expect(users.find((u: { id: string }) => u.id === seller.id).work_held).toEqual({ planned_touches: 1, accounts: 1, open_deals: 1, open_issues: 0 });
    const unnamed = await t.as('admin')('PATCH', `/api/v1/users/${agent.id}`, { active: false });
    expect(unnamed.json().error.message).toBe('Choose a colleague to take over their 1 account and 1 open issue');

    // A salesperson taking over the seller gets the account and the deal.
    expect((await t.as('admin')('PATCH', `/api/v1/users/${seller.id}`, { active: false, hand_over_to: t.userIds.sales })).statusCode).toBe(200);
    // The agent's issue cannot go to a salesperson: it is routed to the rest of the service team.
    expect((await t.as('admin')('PATCH', `/api/v1/users/${agent.id}`, { active: false, hand_over_to: t.userIds.sales })).statusCode).toBe(200);

    const after = await t.db.selectFrom('accounts').select(['owner_id', 'service_owner_id']).where('id', '=', account.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ owner_id: t.userIds.sales, service_owner_id: t.userIds.sales });
    expect((await t.db.selectFrom('deals').select('owner_id').where('id', '=', deal.id).executeTakeFirstOrThrow()).owner_id).toBe(t.userIds.sales);
    const routed = await t.db.selectFrom('issues').innerJoin('users', 'users.id', 'issues.assignee_id').select(['users.role', 'users.active']).where('issues.id', '=', issue.id).executeTakeFirstOrThrow();
    expect(routed).toEqual({ role: 'service', active: true });
    const assigned = await t.db.selectFrom('events').select('payload').where('type', '=', 'issue.assigned').where('subject_id', '=', issue.id).execute();
    expect(assigned).toHaveLength(1);
    const ownerChanges = await t.db.selectFrom('audit_log').select('changes').where('action', '=', 'account.owner_changed').where('entity_id', '=', account.id).execute();
    expect(ownerChanges.map((c) => c.changes)).toEqual([
      { owner_id: { before: seller.id, after: t.userIds.sales } },
      { service_owner_id: { before: agent.id, after: t.userIds.sales } },
    ]);
  });

  it('asks who takes over when there are planned touches, and changes nothing when the colleague cannot', async () => {
    const rep = await newRep();
    const touch = await plannedTouchFor(rep.id);
    const leaver = await newRep();
    expect((await t.as('admin')('PATCH', `/api/v1/users/${leaver.id}`, { active: false })).statusCode).toBe(200);

    const unnamed = await t.as('admin')('PATCH', `/api/v1/users/${rep.id}`, { active: false });
    expect(unnamed.statusCode).toBe(422);
    expect(unnamed.json().error).toMatchObject({ field: 'hand_over_to' });
    expect(unnamed.json().error.message).toContain('1 planned touch');

    for (const colleague of [leaver.id, rep.id]) {
      const refused = await t.as('admin')('PATCH', `/api/v1/users/${rep.id}`, { active: false, hand_over_to: colleague });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error.field).toBe('hand_over_to');
    }
    const notLeaving = await t.as('admin')('PATCH', `/api/v1/users/${rep.id}`, { role: 'service', hand_over_to: t.userIds.manager });
    expect(notLeaving.statusCode).toBe(400);
    expect(JSON.stringify(notLeaving.json())).toContain('hand_over_to');

    const user = await t.db.selectFrom('users').select(['active', 'role']).where('id', '=', rep.id).executeTakeFirstOrThrow();
    expect(user).toEqual({ active: true, role: 'sales' });
    const row = await t.db.selectFrom('touches').select('assignee_id').where('id', '=', touch.id).executeTakeFirstOrThrow();
    expect(row.assignee_id).toBe(rep.id);
  });
});

describe('own profile, password and tokens', () => {
  it('lists own live tokens without their secrets or hashes', async () => {
    const created = await t.as('service')('POST', '/api/v1/auth/tokens', { name: 'Zapier' });
    const revoked = await t.as('service')('POST', '/api/v1/auth/tokens', { name: 'Old script' });
    await t.as('service')('DELETE', `/api/v1/auth/tokens/${revoked.json().id}`);
    await t.as('sales')('POST', '/api/v1/auth/tokens', { name: 'Someone else' });

    const list = await t.as('service')('GET', '/api/v1/auth/tokens');
    expect(list.statusCode).toBe(200);
    const names = list.json().items.map((i: { name: string }) => i.name);
    expect(names).toContain('Zapier');
    expect(names).not.toContain('Old script');
    expect(names).not.toContain('Someone else');
    expect(Object.keys(list.json().items[0]).sort()).toEqual(['created_at', 'id', 'last_used_at', 'name']);
    expect(list.body).not.toContain(created.json().token);
  });

  it('changes name and time zone, and names the field it refuses', async () => {
    const ok = await t.as('manager')('PATCH', '/api/v1/me', { name: 'Max M. Manager', time_zone: 'Europe/Amsterdam' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: 'Max M. Manager', time_zone: 'Europe/Amsterdam' });
    expect((await t.as('manager')('GET', '/api/v1/me/day')).json().time_zone).toBe('Europe/Amsterdam');

    const zone = await t.as('manager')('PATCH', '/api/v1/me', { time_zone: 'Mars/Olympus' });
    expect(zone.statusCode).toBe(400);
    expect(zone.json().error.field).toBe('time_zone');
    // Given when the person is added, an unknown zone used to be stored and break their My day.
    const added = await t.as('admin')('POST', '/api/v1/users', { email: 'martian@example.com', name: 'Mars', role: 'sales', password: 'a-long-enough-pass-1', time_zone: 'Mars/Olympus' });
    expect(added.statusCode).toBe(400);
    expect(added.json().error).toMatchObject({ field: 'time_zone', message: 'Time zone is not a known time zone (use an IANA name such as Europe/Berlin)' });
    expect(await t.db.selectFrom('users').select('id').where('email', '=', 'martian@example.com').execute()).toEqual([]);
    const name = await t.as('manager')('PATCH', '/api/v1/me', { name: '   ' });
    expect(name.statusCode).toBe(400);
    expect(JSON.stringify(name.json())).toContain('name');
  });

  it('changes the password only with the current one and the policy, ends other sessions, and clears the admin-set flag', async () => {
    const rep = await newRep();
    const here = await sessionOf(rep.email);
    const elsewhere = await sessionOf(rep.email);
    expect((await asSession(here, 'GET', '/api/v1/me')).json()).toMatchObject({ must_change_password: true });
    // Until then the account is the administrator's message's as much as theirs: no token, no customers.
    for (const [method, url] of [['POST', '/api/v1/auth/tokens'], ['GET', '/api/v1/accounts']] as const) {
      const refused = await asSession(here, method, url, method === 'POST' ? { name: 'script' } : undefined);
      expect(refused.statusCode, url).toBe(403);
      expect(refused.json().error).toMatchObject({ code: 'forbidden', field: 'password' });
    }

    const wrong = await asSession(here, 'POST', '/api/v1/auth/password', { current_password: 'not-it-at-all', new_password: 'another-long-phrase-7' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.field).toBe('current_password');
    const weak = await asSession(here, 'POST', '/api/v1/auth/password', { current_password: strongPassword, new_password: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.field).toBe('new_password');

    expect((await asSession(here, 'POST', '/api/v1/auth/password', { current_password: strongPassword, new_password: 'another-long-phrase-7' })).statusCode).toBe(204);
    expect((await asSession(here, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
    expect((await asSession(here, 'GET', '/api/v1/me')).json()).toMatchObject({ must_change_password: false });
    expect((await asSession(here, 'GET', '/api/v1/accounts')).statusCode).toBe(200);
    expect((await asSession(elsewhere, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
    expect((await logIn(rep.email, strongPassword)).statusCode).toBe(401);
    expect((await logIn(rep.email, 'another-long-phrase-7')).statusCode).toBe(200);
  });

  it('lets a session guess the current password only as often as a login may, and then not even the right one', async () => {
    const rep = await newRep();
    const session = await sessionOf(rep.email);
    const change = (current: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: sameOrigin, cookies: { afterclose_session: session }, remoteAddress: '10.77.0.1', payload: { current_password: current, new_password: 'a-new-long-phrase-11' } });
    for (let i = 0; i < 5; i++) expect((await change(`guess-number-${i}`)).statusCode).toBe(422);
    const locked = await change(strongPassword);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.message).toContain('try again in 1 minute');
    expect((await logIn(rep.email, strongPassword)).statusCode).toBe(200);
  });
});
