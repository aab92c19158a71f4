import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartBody } from '../../../tests/helpers/multipart.ts';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { testPassword } from '../../../tests/helpers/test-users.ts';
import { recordAudit } from '../../platform/audit.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

type Entry = { action: string; actor_id: string | null; entity_type: string; entity_id: string | null; account_id: string | null; changes: Record<string, unknown>; ip: string | null };

/** The entries about one entity, oldest first, read straight from the table. */
async function entriesOf(entityId: string): Promise<Entry[]> {
  return t.db
    .selectFrom('audit_log')
    .select(['action', 'actor_id', 'entity_type', 'entity_id', 'account_id', 'changes', 'ip'])
    .where('entity_id', '=', entityId)
    .orderBy('id')
    .execute();
}

const actions = async (entityId: string) => (await entriesOf(entityId)).map((e) => e.action);

describe('the audit log records', () => {
  it('accounts: created, updated, owner changed (before and after), deleted — with actor and address', async () => {
    const sales = t.as('sales');
    const account = (await sales('POST', '/api/v1/accounts', { name: 'Audit Alps' })).json();
    // Giving an account to someone else is a manager's change (docs/permissions.md).
    await sales('PATCH', `/api/v1/accounts/${account.id}`, { name: 'Audit Alps AG' });
    await t.as('manager')('PATCH', `/api/v1/accounts/${account.id}`, { owner_id: t.userIds.manager });
    expect((await t.as('manager')('DELETE', `/api/v1/accounts/${account.id}`)).statusCode).toBe(204);
    const entries = await entriesOf(account.id);
    expect(entries.map((e) => e.action)).toEqual(['account.created', 'account.updated', 'account.owner_changed', 'account.deleted']);
    expect(entries[0]).toMatchObject({ actor_id: t.userIds.sales, entity_type: 'account', account_id: account.id, ip: '127.0.0.1' });
    expect(entries[2]).toMatchObject({ actor_id: t.userIds.manager, changes: { owner_id: { before: t.userIds.sales, after: t.userIds.manager } } });
    expect(entries[1]?.changes).toEqual({ name: { before: 'Audit Alps', after: 'Audit Alps AG' } });
    expect(entries[3]?.actor_id).toBe(t.userIds.manager);
  });

  it('contacts: created, updated, deleted — that personal fields changed, never their values', async () => {
    const sales = t.as('sales');
    const account = (await sales('POST', '/api/v1/accounts', { name: 'Contact Co' })).json();
    const contact = (await sales('POST', '/api/v1/contacts', { account_id: account.id, name: 'Lea Lind', email: 'lea@contact.example' })).json();
    await sales('PATCH', `/api/v1/contacts/${contact.id}`, { email: 'lea.lind@contact.example', title: 'Buyer' });
    await t.as('manager')('DELETE', `/api/v1/contacts/${contact.id}`);
    const entries = await entriesOf(contact.id);
    expect(entries.map((e) => e.action)).toEqual(['contact.created', 'contact.updated', 'contact.deleted']);
    expect(entries[1]?.changes).toEqual({ email: 'changed', title: { before: null, after: 'Buyer' } });
    expect(JSON.stringify(entries)).not.toContain('lea');
    expect(entries.every((e) => e.account_id === account.id)).toBe(true);
  });

  it('deals: created, updated, stage, won, lost, deleted', async () => {
    const sales = t.as('sales');
    const account = (await sales('POST', '/api/v1/accounts', { name: 'Deal Dock' })).json();
    const nextStep = { kind: 'call', assignee_id: t.userIds.sales, due_at: new Date(Date.now() + 86_400_000).toISOString() };
    const won = (await sales('POST', '/api/v1/deals', { account_id: account.id, title: 'Kegs', value: 100, next_step: nextStep })).json();
    await sales('PATCH', `/api/v1/deals/${won.id}`, { stage: 'proposal', value: 150 });
    await sales('POST', `/api/v1/deals/${won.id}/win`);
    const lost = (await sales('POST', '/api/v1/deals', { account_id: account.id, title: 'Taps', value: 50 })).json();
    await sales('POST', `/api/v1/deals/${lost.id}/lose`, { reason: 'Budget' });
    await t.as('manager')('DELETE', `/api/v1/deals/${lost.id}`);
    const wonEntries = await entriesOf(won.id);
    expect(wonEntries.map((e) => e.action)).toEqual(['deal.created', 'deal.stage_changed', 'deal.updated', 'deal.won']);
    expect(wonEntries[1]?.changes).toEqual({ stage: { before: 'lead', after: 'proposal' } });
    expect(wonEntries[2]?.changes).toEqual({ value: { before: 100, after: 150 } });
    expect(await actions(lost.id)).toEqual(['deal.created', 'deal.lost', 'deal.deleted']);
    expect((await entriesOf(lost.id))[1]?.changes).toMatchObject({ reason: 'Budget' });
  });

  it('users and roles: created, role changed, deactivated — never a password', async () => {
    const admin = t.as('admin');
    const user = (await admin('POST', '/api/v1/users', { email: 'new@test.example', name: 'Nia New', role: 'sales', password: 'a-long-enough-passphrase-1' })).json();
    expect((await admin('PATCH', `/api/v1/users/${user.id}`, { role: 'manager' })).statusCode).toBe(200);
    expect((await admin('PATCH', `/api/v1/users/${user.id}`, { active: false })).json()).toMatchObject({ active: false, role: 'manager' });
    expect((await admin('PATCH', `/api/v1/users/${t.userIds.admin}`, { role: 'sales' })).statusCode).toBe(409);
    expect((await t.as('manager')('PATCH', `/api/v1/users/${user.id}`, { active: true })).statusCode).toBe(403);
    const entries = await entriesOf(user.id);
    expect(entries.map((e) => e.action)).toEqual(['user.created', 'user.role_changed', 'user.deactivated']);
    expect(entries[1]?.changes).toEqual({ role: { before: 'sales', after: 'manager' } });
    expect(entries.every((e) => e.actor_id === t.userIds.admin)).toBe(true);
    expect(JSON.stringify(entries)).not.toMatch(/passphrase|password/);
  });

  it('logins: success and failure, with the address, and no secret', async () => {
    const login = (email: string, password: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '203.0.113.7', payload: { email, password } });
    expect((await login('service@test.example', testPassword)).statusCode).toBe(200);
    expect((await login('service@test.example', 'wrong-password')).statusCode).toBe(401);
    expect((await login('nobody@test.example', 'typed-my-password-here')).statusCode).toBe(401);
    const entries = await t.db.selectFrom('audit_log').select(['action', 'actor_id', 'entity_id', 'changes', 'ip']).where('ip', '=', '203.0.113.7').orderBy('id').execute();
    expect(entries).toEqual([
      { action: 'user.login_succeeded', actor_id: t.userIds.service, entity_id: t.userIds.service, changes: {}, ip: '203.0.113.7' },
      { action: 'user.login_failed', actor_id: null, entity_id: t.userIds.service, changes: { email: 'service@test.example', reason: 'wrong_password' }, ip: '203.0.113.7' },
      { action: 'user.login_failed', actor_id: null, entity_id: null, changes: { reason: 'unknown_email' }, ip: '203.0.113.7' },
    ]);
  });

  it('playbooks: created, edited, disabled, enabled', async () => {
    const manager = t.as('manager');
    const steps = [{ key: 'call', kind: 'task', touch_kind: 'call', offset_days: 1, subject: 'Call' }];
    const playbook = (await manager('POST', '/api/v1/playbooks', { name: 'Audited', trigger: 'deal_won', steps })).json();
    await manager('PATCH', `/api/v1/playbooks/${playbook.id}`, { name: 'Audited twice', steps: [{ ...steps[0], offset_days: 2 }] });
    await manager('POST', `/api/v1/playbooks/${playbook.id}/disable`);
    await manager('POST', `/api/v1/playbooks/${playbook.id}/enable`);
    const entries = await entriesOf(playbook.id);
    expect(entries.map((e) => e.action)).toEqual(['playbook.created', 'playbook.updated', 'playbook.disabled', 'playbook.enabled']);
    expect(entries[1]?.changes).toEqual({ name: { before: 'Audited', after: 'Audited twice' }, steps: 'changed', version: { before: 1, after: 2 } });
    expect(entries[2]?.changes).toEqual({ enabled: { before: true, after: false } });
  });

  it('settings: analytics settings and SLAs, before and after', async () => {
    await t.as('admin')('PATCH', '/api/v1/analytics/settings', { touch_stale_days: 120 });
    await t.as('manager')('PATCH', '/api/v1/service/slas/high', { first_response_hours: 3, resolution_hours: 30 });
    const [analytics] = await entriesOf('analytics');
    expect(analytics).toMatchObject({ action: 'settings.analytics_updated', actor_id: t.userIds.admin });
    expect(analytics?.changes).toEqual({ touch_stale_days: { before: expect.any(Number), after: 120 } });
    const [sla] = await entriesOf('sla.high');
    expect(sla).toMatchObject({ action: 'settings.sla_updated', actor_id: t.userIds.manager });
    expect(sla?.changes).toMatchObject({ first_response_hours: { after: 3 }, resolution_hours: { after: 30 } });
  });

  it('exports (who took which list) and imports (which file, the counts)', async () => {
    expect((await t.as('manager')('GET', '/api/v1/exports/accounts.csv')).statusCode).toBe(200);
    expect(await entriesOf('accounts')).toMatchObject([{ action: 'export.downloaded', actor_id: t.userIds.manager, changes: { list: 'accounts' } }]);
    const token = (await t.as('manager')('POST', '/api/v1/auth/tokens', { name: 'upload' })).json().token;
    const body = multipartBody({ kind: 'accounts' }, { name: 'spring-fair.csv', content: 'external_id,name\nAU-1,Fair One\nAU-2,Fair Two\n' });
    const imported = await t.app.inject({ method: 'POST', url: '/api/v1/imports', headers: { authorization: `Bearer ${token}`, 'content-type': body.contentType }, payload: body.payload });
    expect(imported.statusCode).toBe(201);
    expect(await entriesOf(imported.json().id)).toMatchObject([
      { action: 'import.completed', actor_id: t.userIds.manager, changes: { kind: 'accounts', file_name: 'spring-fair.csv', rows_read: 2, inserted: 2, failed: 0 } },
    ]);
  });
});

describe('the audit log is written in the change’s transaction', () => {
  it('leaves no entry when the change’s transaction fails at commit', async () => {
    const account = (await t.as('sales')('POST', '/api/v1/accounts', { name: 'Rolled Back' })).json();
    // A deferred constraint trigger fails the transaction at commit, after the audit row was inserted.
    // It sits on audit_log, which stays on the coordinator: Citus allows no trigger on accounts.
    await sql`create function refuse_rename() returns trigger language plpgsql as $$
      begin if new.changes::text like '%Never Saved%' then raise exception 'refused at commit'; end if; return new; end $$`.execute(t.db);
    await sql`create constraint trigger refuse_rename after insert on audit_log deferrable initially deferred
      for each row execute function refuse_rename()`.execute(t.db);
    try {
      const renamed = await t.as('sales')('PATCH', `/api/v1/accounts/${account.id}`, { name: 'Never Saved' });
      expect(renamed.statusCode).toBe(500);
    } finally {
      await sql`drop trigger refuse_rename on audit_log`.execute(t.db);
    }
    expect(await actions(account.id)).toEqual(['account.created']);
    const row = await t.db.selectFrom('accounts').select('name').where('id', '=', account.id).executeTakeFirstOrThrow();
    expect(row.name).toBe('Rolled Back');
  });

  it('makes no change when its audit entry cannot be written', async () => {
    const account = (await t.as('sales')('POST', '/api/v1/accounts', { name: 'Kept' })).json();
    await sql`alter table audit_log add constraint no_deletes_today check (action <> 'account.deleted') not valid`.execute(t.db);
    try {
      expect((await t.as('manager')('DELETE', `/api/v1/accounts/${account.id}`)).statusCode).toBeGreaterThanOrEqual(400);
    } finally {
      await sql`alter table audit_log drop constraint no_deletes_today`.execute(t.db);
    }
    expect(await t.db.selectFrom('accounts').select('id').where('id', '=', account.id).executeTakeFirst()).toEqual({ id: account.id });
  });

  it('rolls back with a transaction that throws after recording', async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await recordAudit(trx, { actorId: null, action: 'settings.analytics_updated', entityType: 'settings', entityId: 'thrown' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await entriesOf('thrown')).toEqual([]);
  });
});

describe('the audit table', () => {
  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    const before = await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(before.n)).toBeGreaterThan(0);
    await expect(sql`update audit_log set action = 'x'`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
    const after = await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

describe('GET /api/v1/audit', () => {
  it('is for admins only, the list and its CSV', async () => {
    for (const role of ['manager', 'sales', 'service'] as const) {
      expect((await t.as(role)('GET', '/api/v1/audit')).statusCode).toBe(403);
      expect((await t.as(role)('GET', '/api/v1/audit.csv')).statusCode).toBe(403);
      expect((await t.as(role)('GET', '/api/v1/audit/actions')).statusCode).toBe(403);
    }
    expect((await t.as(null)('GET', '/api/v1/audit')).statusCode).toBe(401);
    expect((await t.as('admin')('GET', '/api/v1/audit/actions')).json().actions).toContain('user.login_failed');
  });

  it('pages newest first by keyset and filters by actor, entity, action and dates', async () => {
    const admin = t.as('admin');
    const first = (await admin('GET', `/api/v1/audit?limit=2&actor_id=${t.userIds.sales}`)).json();
    expect(first.items).toHaveLength(2);
    expect(first.items.every((e: Entry) => e.actor_id === t.userIds.sales)).toBe(true);
    const second = (await admin('GET', `/api/v1/audit?limit=2&actor_id=${t.userIds.sales}&cursor=${first.next}`)).json();
    expect(second.items[0].id).toBeLessThan(first.items[1].id);
    const stages = (await admin('GET', '/api/v1/audit?action=deal.stage_changed')).json().items;
    expect(stages.length).toBeGreaterThan(0);
    expect(stages.every((e: Entry) => e.action === 'deal.stage_changed')).toBe(true);
    expect(stages[0].actor_name).toBe('Sam Sales');
    const users = (await admin('GET', '/api/v1/audit?entity_type=user&action=user.role_changed')).json().items;
    expect(users).toHaveLength(1);
    const future = (await admin('GET', '/api/v1/audit?from=2999-01-01T00:00:00Z')).json().items;
    expect(future).toEqual([]);
    const past = (await admin('GET', '/api/v1/audit?to=2000-01-01T00:00:00Z')).json().items;
    expect(past).toEqual([]);
    expect((await admin('GET', '/api/v1/audit?cursor=bogus')).statusCode).toBe(400);
    expect((await admin('GET', '/api/v1/audit?action=made.up')).statusCode).toBe(400);
  });

  it('exports the filtered log as CSV, and records that export', async () => {
    const csv = await t.as('admin')('GET', '/api/v1/audit.csv?entity_type=playbook');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('\uFEFFat,actor_id,actor_name,action,entity_type,entity_id,account_id,changes,ip');
    expect(lines.slice(1).every((line) => line.includes(',playbook,'))).toBe(true);
    expect(lines.length).toBe(5);
    expect(await entriesOf('audit')).toMatchObject([{ action: 'export.downloaded', actor_id: t.userIds.admin, changes: { list: 'audit', entity_type: 'playbook' } }]);
  });
});
