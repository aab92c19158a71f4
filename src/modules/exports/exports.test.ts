import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { exportCsv } from './export-csv.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const csvLines = (body: string) => body.replace(/^\uFEFF/, '').trim().split('\r\n');

describe('CSV exports', () => {
  it('downloads accounts and touches as CSV, quoting what needs it and defusing formulas', async () => {
    const sales = t.as('sales');
    const account = (await sales('POST', '/api/v1/accounts', { name: '=HYPERLINK("x")', external_id: 'E-1', owner_id: t.userIds.sales, tags: ['vip', 'coffee'] })).json();
    await sales('POST', '/api/v1/touches', { account_id: account.id, kind: 'call', subject: 'Ask, then listen', due_at: '2026-07-01T09:00:00Z', assignee_id: t.userIds.sales });
    const accounts = await t.as('manager')('GET', '/api/v1/exports/accounts.csv');
    expect(accounts.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(accounts.headers['content-disposition']).toMatch(/^attachment; filename="afterclose-accounts-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(accounts.body.startsWith('\uFEFF')).toBe(true);
    const [header, row] = csvLines(accounts.body);
    expect(header).toBe('id,external_id,name,kind,lifecycle,owner_email,service_owner_email,tags,interests,created_at');
    expect(row).toBe(`${account.id},E-1,"'=HYPERLINK(""x"")",company,prospect,sales@test.example,,"vip, coffee",,${account.created_at}`);
    const touches = csvLines((await t.as('manager')('GET', '/api/v1/exports/touches.csv')).body);
    expect(touches[1]).toMatch(/,call,"Ask, then listen",planned,sales@test.example,2026-07-01T09:00:00.000Z,,,/);
    expect(csvLines((await t.as('manager')('GET', '/api/v1/exports/scores.csv')).body)).toHaveLength(1);
    expect((await t.as('manager')('GET', '/api/v1/exports/secrets.csv')).statusCode).toBe(400);
  });

  it('streams a list larger than one page without losing or repeating a row', async () => {
    await t.db.insertInto('accounts').values(Array.from({ length: 45 }, (_, i) => ({ name: `Paged ${i}` }))).execute();
    let text = '';
    for await (const chunk of exportCsv(t.db, 'accounts', { sort: 'name' }, 10)) text += chunk;
    const ids = csvLines(text).slice(1).map((line) => line.split(',')[0]);
    expect(ids).toHaveLength(46);
    expect(new Set(ids).size).toBe(46);
  });

  it('downloads service issues and referrals with what they earned', async () => {
    const account = (await t.as('sales')('POST', '/api/v1/accounts', { name: 'Export Issues Ltd', owner_id: t.userIds.sales, service_owner_id: t.userIds.service })).json();
    await t.as('service')('POST', '/api/v1/issues', { account_id: account.id, title: 'Zipper broke', severity: 'high' });
    await t.as('sales')('POST', '/api/v1/referrals', { account_id: account.id, people: [{ name: 'Rita Referred', email: 'rita@referred.example', company: 'Rita Co' }] });
    const issues = csvLines((await t.as('manager')('GET', '/api/v1/exports/issues.csv')).body);
    expect(issues[0]).toBe('id,account_id,account_name,title,severity,status,channel,assignee_email,first_response_due_at,first_response_at,resolution_due_at,resolved_at,customer_contacts,reopened_count,created_at');
    expect(issues[1]).toContain(',Export Issues Ltd,Zipper broke,high,new,api,service@test.example,');
    const referrals = csvLines((await t.as('manager')('GET', '/api/v1/exports/referrals.csv')).body);
    expect(referrals[1]).toContain(`,${account.id},Export Issues Ltd,Rita Referred,rita@referred.example,Rita Co,new,`);
  });

  it('defuses the OWASP formula payloads that start with a minus, a plus or an at sign in every exported cell', async () => {
    const sales = t.as('sales');
    const payloads = ['-2+3+cmd|\' /C calc\'!A0', '-1+1', '+1+cmd|\' /C calc\'!A0', '@SUM(1+9)*cmd|\' /C calc\'!A0', '"=1+1"', '-A1'];
    for (const name of payloads) {
      const account = (await sales('POST', '/api/v1/accounts', { name, external_id: `OWASP ${name}`, tags: [name] })).json();
      await sales('POST', '/api/v1/touches', { account_id: account.id, kind: 'call', subject: name, due_at: '2026-07-01T09:00:00Z' });
    }
    const cells = (body: string) => csvLines(body).slice(1).flatMap((line) => line.match(/("([^"]|"")*"|[^,]*)/g) ?? []);
    const accounts = cells((await t.as('manager')('GET', '/api/v1/exports/accounts.csv')).body);
    const touches = cells((await t.as('manager')('GET', '/api/v1/exports/touches.csv')).body);
    for (const cell of [...accounts, ...touches]) {
      expect(cell, cell).not.toMatch(/^"?[\s"]*[-+=@]/);
    }
    expect(accounts).toContain("'-2+3+cmd|' /C calc'!A0");
  });

  it('downloads the accounts the list shows, in its order: tag, no next touch, health band, segment and sort', async () => {
    const manager = t.as('manager');
    const make = async (name: string, tags: string[]) => (await manager('POST', '/api/v1/accounts', { name, tags, owner_id: t.userIds.sales })).json().id as string;
    const quiet = await make('Zebra Sorted Wares', ['export-check']);
    const planned = await make('Apple Sorted Wares', ['export-check']);
    const strong = await make('Mango Sorted Wares', ['export-check']);
    await manager('POST', '/api/v1/touches', { account_id: planned, kind: 'call', subject: 'Check in', due_at: '2026-07-01T09:00:00Z' });
    // Scores as the nightly scoring run writes them: Zebra and Apple at risk, Mango a healthy champion.
    const run = await sql<{ id: number }>`insert into scoring_runs (as_of, status, started_at, heartbeat_at, settings)
      values ('2026-06-30', 'done', now(), now(), '{}') returning id`.execute(t.db);
    // Each as-of date is a partition of its own, which a scoring run creates (migration 0037).
    await sql`create table if not exists account_scores_20260630 partition of account_scores for values in ('2026-06-30')`.execute(t.db);
    for (const [id, health, segment] of [[quiet, 20, 'at_risk'], [planned, 25, 'at_risk'], [strong, 90, 'champions']] as const) {
      await sql`insert into account_scores (account_id, as_of, run_id, first_order_on, last_order_on, orders, order_days,
        recency_days, monetary, repeat_spend_mean, r_score, f_score, m_score, segment, late, health, scored_at)
        values (${id}, '2026-06-30', ${run.rows[0]?.id}, '2026-01-10', '2026-03-10', 1, 1, 1, 10, 0, 3, 3, 3, ${segment}, false,
        ${health}, now())`.execute(t.db);
    }
    const names = async (query: string) => {
      const response = await manager('GET', `/api/v1/exports/accounts.csv?${query}`);
      expect(response.statusCode).toBe(200);
      return csvLines(response.body).slice(1).map((line) => line.split(',')[2]);
    };
    expect(await names('tag=export-check')).toEqual(['Apple Sorted Wares', 'Mango Sorted Wares', 'Zebra Sorted Wares']);
    expect(await names('tag=export-check&sort=health')).toEqual(['Zebra Sorted Wares', 'Apple Sorted Wares', 'Mango Sorted Wares']);
    expect(await names('tag=export-check&no_next_touch=true')).toEqual(['Mango Sorted Wares', 'Zebra Sorted Wares']);
    expect(await names('tag=export-check&health=at_risk&no_next_touch=true')).toEqual(['Zebra Sorted Wares']);
    expect(await names('tag=export-check&segment=champions')).toEqual(['Mango Sorted Wares']);
    expect(await names(`q=Sorted%20Wares&owner_id=${t.userIds.sales}&sort=owner&tag=export-check`)).toHaveLength(3);
    const refused = await manager('GET', '/api/v1/exports/accounts.csv?health=sickly');
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('health');
  });

  it('downloads a list as its page filters it: search text, owner, status, SLA', async () => {
    const sales = t.as('sales');
    const manager = t.as('manager');
    const mine = (await sales('POST', '/api/v1/accounts', { name: 'Filtered Fjord AB', owner_id: t.userIds.sales, lifecycle: 'customer' })).json();
    await sales('POST', '/api/v1/contacts', { account_id: mine.id, name: 'Frida', email: 'frida@fjord-filter.example' });
    const theirs = (await manager('POST', '/api/v1/accounts', { name: 'Other Filter Oy', owner_id: t.userIds.manager })).json();
    const names = async (url: string) => csvLines((await manager('GET', url)).body).slice(1).map((line) => line.split(',')[2]);
    expect(await names('/api/v1/exports/accounts.csv?q=fjord-filter')).toEqual(['Filtered Fjord AB']);
    expect(await names(`/api/v1/exports/accounts.csv?owner_id=${t.userIds.manager}`)).toEqual(['Other Filter Oy']);
    expect(await names(`/api/v1/exports/accounts.csv?q=filter&owner_id=${t.userIds.sales}`)).toEqual(['Filtered Fjord AB']);

    await sales('POST', '/api/v1/touches', { account_id: mine.id, kind: 'call', subject: 'Planned filter call', due_at: '2030-01-01T09:00:00Z' });
    const done = (await sales('POST', '/api/v1/touches', { account_id: mine.id, kind: 'call', subject: 'Done filter call', due_at: '2030-01-01T09:00:00Z' })).json();
    await sales('POST', `/api/v1/touches/${done.id}/complete`, { outcome: 'Talked' });
    const touches = csvLines((await manager('GET', `/api/v1/exports/touches.csv?account_id=${mine.id}&status=done`)).body);
    expect(touches.slice(1).map((line) => line.split(',')[4])).toEqual(['Done filter call']);

    const issue = (await t.as('service')('POST', '/api/v1/issues', { account_id: theirs.id, title: 'Filter issue closed' })).json();
    await t.as('service')('POST', '/api/v1/issues', { account_id: theirs.id, title: 'Filter issue open' });
    await manager('POST', `/api/v1/issues/${issue.id}/status`, { status: 'resolved' });
    const issues = csvLines((await manager('GET', `/api/v1/exports/issues.csv?account_id=${theirs.id}&status=unresolved`)).body);
    expect(issues.slice(1).map((line) => line.split(',')[3])).toEqual(['Filter issue open']);
    expect(csvLines((await manager('GET', `/api/v1/exports/issues.csv?account_id=${theirs.id}&sla=breached`)).body)).toHaveLength(1);

    const wrong = await manager('GET', '/api/v1/exports/referrals.csv?lifecycle=customer');
    expect([wrong.statusCode, wrong.json().error.field]).toEqual([400, 'lifecycle']);
    expect((await manager('GET', '/api/v1/exports/touches.csv?status=someday')).statusCode).toBe(400);
  });
});
