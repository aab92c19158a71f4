import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/platform/db-schema.ts';
import { QueryRecorder, writeStatements } from '../../bench/query-recorder.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import { permissionTable, permissionTableMarkdown, routesWithoutRole } from './permission-table.ts';

// Walks docs/permissions.md: every route × every role, made as the real request. "yes" is tried on
// someone else's account, "own" on the role's own account (allowed) and someone else's (403), "no"
// on the role's own account (still 403).

let t: TestApp;
let recorder: QueryRecorder;
beforeAll(async () => {
  t = await startTestApp({}, (db) => {
    recorder = new QueryRecorder(db);
    return recorder;
  });
});
afterAll(async () => {
  await t.close();
});

type Request = { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: string; body?: unknown };
type Scene = { role: Role; accountId: string };

let serial = 0;
const unique = () => `${Date.now().toString(36)}-${++serial}`;
const later = '2030-01-15T09:00:00Z';

async function admin<T = { id: string }>(method: Request['method'], url: string, body?: unknown): Promise<T> {
  const res = await t.as('admin')(method, url, body);
  if (res.statusCode >= 300) throw new Error(`setup ${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
}
const contact = (accountId: string) => admin('POST', '/api/v1/contacts', { account_id: accountId, name: 'Cora Contact', email: `cora-${unique()}@example.com` });
const deal = (accountId: string) => admin('POST', '/api/v1/deals', { account_id: accountId, title: 'Renewal' });
const order = (accountId: string) => admin('POST', '/api/v1/orders', { account_id: accountId, lines: [{ description: 'Beans', unit_price: 10, quantity: 1 }] });
const touch = (accountId: string) => admin('POST', '/api/v1/touches', { account_id: accountId, kind: 'call', subject: 'Check in', due_at: later });
const issue = (accountId: string) => admin('POST', '/api/v1/issues', { account_id: accountId, title: 'Broken grinder' });
const goal = (accountId: string) => admin('POST', '/api/v1/goals', { account_id: accountId, text: 'Open a second shop' });
const product = () => admin('POST', '/api/v1/products', { sku: `SKU-${unique()}`, name: 'Grinder', price: 99 });
const playbook = () =>
  admin('POST', '/api/v1/playbooks', {
    name: `Welcome ${unique()}`,
    trigger: 'order_placed',
    steps: [{ key: 'thanks', kind: 'task', touch_kind: 'task', offset_days: 0, subject: 'Thank {{account.name}}' }],
  });
const eventTypes = async () => (await admin<{ items: string[] }>('GET', '/api/v1/webhooks/event-types')).items.slice(0, 1);
const subscription = async () => admin('POST', '/api/v1/webhooks/subscriptions', { url: 'https://example.com/hook', event_types: await eventTypes() });
const referral = async (accountId: string) =>
  (await admin<{ items: { id: string }[] }>('POST', '/api/v1/referrals', { account_id: accountId, people: [{ name: 'Rita', email: `rita-${unique()}@example.com` }] }))
    .items[0]!.id;
// The bell is filled by the worker from events; a row of the person's own stands in for one here.
let notificationEvent = 0;
const ownNotification = async (role: Role) =>
  (
    await t.db
      .insertInto('notifications')
      .values({ user_id: t.userIds[role], source_event_id: --notificationEvent, kind: 'assigned', title: 'New task for you', link: '/my-day' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
const missing = '00000000-0000-4000-8000-000000000000';

const get = (url: string): Request => ({ method: 'GET', url });
const post = (url: string, body: unknown = {}): Request => ({ method: 'POST', url, body });
const patch = (url: string, body: unknown): Request => ({ method: 'PATCH', url, body });
const del = (url: string): Request => ({ method: 'DELETE', url });

/** How to make each route's request in a scene; a record created for it is new every time. */
const requests: Record<string, (s: Scene) => Promise<Request> | Request> = {
  'GET /api/v1/auth/me': () => get('/api/v1/auth/me'),
  // A wrong current password: the route answers 422 to whoever may call it and changes nothing.
  'POST /api/v1/auth/password': () => post('/api/v1/auth/password', { current_password: 'not-the-password', new_password: 'a-long-pass-phrase-9' }),
  'GET /api/v1/auth/tokens': () => get('/api/v1/auth/tokens'),
  'POST /api/v1/auth/tokens': () => post('/api/v1/auth/tokens', { name: 'script' }),
  'DELETE /api/v1/auth/tokens/{id}': async (s) => del(`/api/v1/auth/tokens/${(await t.as(s.role)('POST', '/api/v1/auth/tokens', { name: 'old' })).json().id}`),
  'GET /api/v1/me': () => get('/api/v1/me'),
  'PATCH /api/v1/me': () => patch('/api/v1/me', { digest_enabled: true }),
  'GET /api/v1/me/day': () => get('/api/v1/me/day'),
  'GET /api/v1/notifications': () => get('/api/v1/notifications'),
  'GET /api/v1/notifications/unread-count': () => get('/api/v1/notifications/unread-count'),
  'POST /api/v1/notifications/{id}/read': async (s) => post(`/api/v1/notifications/${await ownNotification(s.role)}/read`, {}),
  'POST /api/v1/notifications/read-all': () => post('/api/v1/notifications/read-all', {}),
  'GET /api/v1/me/calendar-feed': () => get('/api/v1/me/calendar-feed'),
  'POST /api/v1/me/calendar-feed': () => post('/api/v1/me/calendar-feed'),
  'DELETE /api/v1/me/calendar-feed': () => del('/api/v1/me/calendar-feed'),
  'GET /api/v1/users': () => get('/api/v1/users'),
  'POST /api/v1/users': () => post('/api/v1/users', { email: `rep-${unique()}@test.example`, name: 'New Rep', role: 'sales', password: 'a-long-pass-phrase-9' }),

  'PATCH /api/v1/users/{id}': async () =>
    patch(`/api/v1/users/${(await admin('POST', '/api/v1/users', { email: `temp-${unique()}@test.example`, name: 'Temp Rep', role: 'sales', password: 'a-long-pass-phrase-9' })).id}`, { role: 'service' }),
  'GET /api/v1/audit': () => get('/api/v1/audit'),
  'GET /api/v1/audit.csv': () => get('/api/v1/audit.csv'),
  'GET /api/v1/audit/actions': () => get('/api/v1/audit/actions'),
  'POST /api/v1/admin/backup': () => post('/api/v1/admin/backup'),
  'GET /api/v1/contacts/{id}/personal-data': async (s) => get(`/api/v1/contacts/${(await contact(s.accountId)).id}/personal-data`),
  'POST /api/v1/contacts/{id}/erase': async (s) => post(`/api/v1/contacts/${(await contact(s.accountId)).id}/erase`, { confirm: true }),

  'GET /api/v1/accounts': () => get('/api/v1/accounts'),
  'GET /api/v1/accounts/{id}': (s) => get(`/api/v1/accounts/${s.accountId}`),
  'GET /api/v1/accounts/{id}/timeline': (s) => get(`/api/v1/accounts/${s.accountId}/timeline`),
  'POST /api/v1/accounts': () => post('/api/v1/accounts', { name: `New ${unique()}` }),
  'PATCH /api/v1/accounts/{id}': (s) => patch(`/api/v1/accounts/${s.accountId}`, { tags: ['vip'] }),
  'POST /api/v1/accounts/{id}/snooze': (s) => post(`/api/v1/accounts/${s.accountId}/snooze`, { days: 3 }),
  'DELETE /api/v1/accounts/{id}': (s) => del(`/api/v1/accounts/${s.accountId}`),

  'GET /api/v1/contacts': () => get('/api/v1/contacts'),
  'GET /api/v1/contacts/{id}': async (s) => get(`/api/v1/contacts/${(await contact(s.accountId)).id}`),
  'POST /api/v1/contacts': (s) => post('/api/v1/contacts', { account_id: s.accountId, name: 'Nina New' }),
  'PATCH /api/v1/contacts/{id}': async (s) => patch(`/api/v1/contacts/${(await contact(s.accountId)).id}`, { phone: '+33 1 23 45 67 89' }),
  'DELETE /api/v1/contacts/{id}': async (s) => del(`/api/v1/contacts/${(await contact(s.accountId)).id}`),

  'GET /api/v1/deals': () => get('/api/v1/deals'),
  'GET /api/v1/deals/stalled': () => get('/api/v1/deals/stalled'),
  'GET /api/v1/deals/{id}': async (s) => get(`/api/v1/deals/${(await deal(s.accountId)).id}`),
  'POST /api/v1/deals': (s) => post('/api/v1/deals', { account_id: s.accountId, title: 'Upsell' }),
  'GET /api/v1/deals/{id}/stage-history': async (s) => get(`/api/v1/deals/${(await deal(s.accountId)).id}/stage-history`),
  'PATCH /api/v1/deals/{id}': async (s) => patch(`/api/v1/deals/${(await deal(s.accountId)).id}`, { value: 500 }),
  'POST /api/v1/deals/{id}/win': async (s) => post(`/api/v1/deals/${(await deal(s.accountId)).id}/win`),
  'POST /api/v1/deals/{id}/lose': async (s) => post(`/api/v1/deals/${(await deal(s.accountId)).id}/lose`, { reason: 'price' }),
  'DELETE /api/v1/deals/{id}': async (s) => del(`/api/v1/deals/${(await deal(s.accountId)).id}`),

  'GET /api/v1/orders': () => get('/api/v1/orders'),
  'GET /api/v1/orders/{id}': async (s) => get(`/api/v1/orders/${(await order(s.accountId)).id}`),
  'POST /api/v1/orders': (s) => post('/api/v1/orders', { account_id: s.accountId, lines: [{ description: 'Filters', unit_price: 5, quantity: 2 }] }),
  'POST /api/v1/orders/{id}/status': async (s) => post(`/api/v1/orders/${(await order(s.accountId)).id}/status`, { status: 'shipped' }),
  'PATCH /api/v1/orders/{id}/expected-shipping': async (s) => patch(`/api/v1/orders/${(await order(s.accountId)).id}/expected-shipping`, { expected_ship_on: '2026-12-14' }),
  'POST /api/v1/orders/{id}/reorder': async (s) => post(`/api/v1/orders/${(await order(s.accountId)).id}/reorder`),

  'GET /api/v1/products': () => get('/api/v1/products'),
  'GET /api/v1/products/{id}': async () => get(`/api/v1/products/${(await product()).id}`),
  'POST /api/v1/products': () => post('/api/v1/products', { sku: `SKU-${unique()}`, name: 'Scale', price: 30 }),
  'PATCH /api/v1/products/{id}': async () => patch(`/api/v1/products/${(await product()).id}`, { name: 'Grinder 2' }),
  'GET /api/v1/products/{id}/launch-preview': async () => get(`/api/v1/products/${(await product()).id}/launch-preview`),
  'POST /api/v1/products/{id}/launch': async () => post(`/api/v1/products/${(await product()).id}/launch`),
  'DELETE /api/v1/products/{id}': async () => del(`/api/v1/products/${(await product()).id}`),

  'GET /api/v1/touches': () => get('/api/v1/touches'),
  'GET /api/v1/touches/{id}': async (s) => get(`/api/v1/touches/${(await touch(s.accountId)).id}`),
  'POST /api/v1/touches': (s) => post('/api/v1/touches', { account_id: s.accountId, kind: 'call', subject: 'Follow up', due_at: later }),
  'POST /api/v1/touches/log': (s) => post('/api/v1/touches/log', { account_id: s.accountId, kind: 'call', subject: 'Called', outcome: 'Happy' }),
  'PATCH /api/v1/touches/{id}': async (s) => patch(`/api/v1/touches/${(await touch(s.accountId)).id}`, { subject: 'Check in again' }),
  'POST /api/v1/touches/{id}/complete': async (s) => post(`/api/v1/touches/${(await touch(s.accountId)).id}/complete`, { outcome: 'Done' }),
  'POST /api/v1/touches/{id}/skip': async (s) => post(`/api/v1/touches/${(await touch(s.accountId)).id}/skip`),
  'POST /api/v1/touches/bulk': async (s) => post('/api/v1/touches/bulk', { action: 'skip', touch_ids: [(await touch(s.accountId)).id] }),
  'POST /api/v1/touches/{id}/snooze': async (s) => post(`/api/v1/touches/${(await touch(s.accountId)).id}/snooze`, { days: 2 }),

  'GET /api/v1/playbooks': () => get('/api/v1/playbooks'),
  'GET /api/v1/playbooks/{id}': async () => get(`/api/v1/playbooks/${(await playbook()).id}`),
  'GET /api/v1/playbooks/{id}/runs': async () => get(`/api/v1/playbooks/${(await playbook()).id}/runs`),
  'POST /api/v1/playbooks': () =>
    post('/api/v1/playbooks', {
      name: `Check in ${unique()}`,
      trigger: 'order_delivered',
      steps: [{ key: 'call', kind: 'task', touch_kind: 'call', offset_days: 7, subject: 'Call {{account.name}}' }],
    }),
  'POST /api/v1/playbooks/simulations': () => post('/api/v1/playbooks/simulations', { from: '2026-01-01', to: '2026-01-31' }),
  'GET /api/v1/team-load': () => get('/api/v1/team-load'),
  'POST /api/v1/team-load/rebalance': () => post('/api/v1/team-load/rebalance', { preview: true }),
  'PATCH /api/v1/playbooks/{id}': async () => patch(`/api/v1/playbooks/${(await playbook()).id}`, { description: 'Renamed' }),
  'POST /api/v1/playbooks/{id}/enable': async () => post(`/api/v1/playbooks/${(await playbook()).id}/enable`),
  'POST /api/v1/playbooks/{id}/disable': async () => post(`/api/v1/playbooks/${(await playbook()).id}/disable`),

  'GET /api/v1/issues': () => get('/api/v1/issues'),
  'GET /api/v1/issues/{id}': async (s) => get(`/api/v1/issues/${(await issue(s.accountId)).id}`),
  'POST /api/v1/issues': (s) => post('/api/v1/issues', { account_id: s.accountId, title: 'Late delivery' }),
  'PATCH /api/v1/issues/{id}': async (s) => patch(`/api/v1/issues/${(await issue(s.accountId)).id}`, { severity: 'high' }),
  'POST /api/v1/issues/{id}/replies': async (s) => post(`/api/v1/issues/${(await issue(s.accountId)).id}/replies`, { kind: 'note', body: 'Looking into it' }),
  'POST /api/v1/issues/{id}/status': async (s) => post(`/api/v1/issues/${(await issue(s.accountId)).id}/status`, { status: 'waiting' }),
  'GET /api/v1/service/stats': () => get('/api/v1/service/stats'),
  'GET /api/v1/service/slas': () => get('/api/v1/service/slas'),
  'PATCH /api/v1/service/slas/{severity}': () => patch('/api/v1/service/slas/low', { first_response_hours: 12, resolution_hours: 96 }),
  'GET /api/v1/fulfilment/settings': () => get('/api/v1/fulfilment/settings'),
  'GET /api/v1/fulfilment/report': () => get('/api/v1/fulfilment/report?weeks=4'),
  'GET /api/v1/fulfilment/late-orders': () => get('/api/v1/fulfilment/late-orders'),
  'PATCH /api/v1/fulfilment/settings': () => patch('/api/v1/fulfilment/settings', { promise_working_days: 2 }),
  'PATCH /api/v1/fulfilment/accounts/{id}/promise': (s) => patch(`/api/v1/fulfilment/accounts/${s.accountId}/promise`, { working_days: 1 }),
  'PATCH /api/v1/fulfilment/products/{id}/promise': async () => patch(`/api/v1/fulfilment/products/${(await product()).id}/promise`, { working_days: 3 }),

  'POST /api/v1/surveys/invites': async (s) => post('/api/v1/surveys/invites', { account_id: s.accountId, contact_id: (await contact(s.accountId)).id }),
  'GET /api/v1/surveys/report': () => get('/api/v1/surveys/report'),
  'GET /api/v1/surveys/verbatims': () => get('/api/v1/surveys/verbatims'),

  'GET /api/v1/referrals': () => get('/api/v1/referrals'),
  'GET /api/v1/referrals/stats': () => get('/api/v1/referrals/stats'),
  'POST /api/v1/referrals': (s) => post('/api/v1/referrals', { account_id: s.accountId, people: [{ name: 'Rob', email: `rob-${unique()}@example.com` }] }),
  'POST /api/v1/referrals/ask': async (s) => post('/api/v1/referrals/ask', { account_id: s.accountId, contact_id: (await contact(s.accountId)).id }),
  'PATCH /api/v1/referrals/{id}': async (s) => patch(`/api/v1/referrals/${await referral(s.accountId)}`, { status: 'contacted' }),

  'GET /api/v1/goals': (s) => get(`/api/v1/goals?account_id=${s.accountId}`),
  'POST /api/v1/goals': (s) => post('/api/v1/goals', { account_id: s.accountId, text: 'Halve waste' }),
  'PATCH /api/v1/goals/{id}': async (s) => patch(`/api/v1/goals/${(await goal(s.accountId)).id}`, { measure: 'Kilos binned' }),
  'POST /api/v1/goals/{id}/achieve': async (s) => post(`/api/v1/goals/${(await goal(s.accountId)).id}/achieve`),

  'GET /api/v1/accounts/{id}/mentions': (s) => get(`/api/v1/accounts/${s.accountId}/mentions`),
  'POST /api/v1/accounts/{id}/mentions': (s) =>
    post(`/api/v1/accounts/${s.accountId}/mentions`, { source: 'Local paper', title: 'Best café', published_at: '2026-01-10T00:00:00Z' }),

  'GET /api/v1/accounts/{id}/score': (s) => get(`/api/v1/accounts/${s.accountId}/score`),
  'GET /api/v1/analytics/accounts': () => get('/api/v1/analytics/accounts'),
  'GET /api/v1/analytics/segments': () => get('/api/v1/analytics/segments'),
  'GET /api/v1/analytics/rfm-grid': () => get('/api/v1/analytics/rfm-grid'),
  'GET /api/v1/analytics/clv-distribution': () => get('/api/v1/analytics/clv-distribution'),
  'GET /api/v1/analytics/cohorts': () => get('/api/v1/analytics/cohorts'),
  'GET /api/v1/analytics/fit': () => get('/api/v1/analytics/fit'),
  'GET /api/v1/analytics/runs': () => get('/api/v1/analytics/runs'),
  'POST /api/v1/analytics/score': () => post('/api/v1/analytics/score', { as_of: '2026-01-01' }),
  'GET /api/v1/attention': () => get('/api/v1/attention'),
  'GET /api/v1/analytics/settings': () => get('/api/v1/analytics/settings'),
  'GET /api/v1/company-settings': () => get('/api/v1/company-settings'),
  'PATCH /api/v1/company-settings': () => patch('/api/v1/company-settings', { default_currency: 'EUR' }),
  'PATCH /api/v1/analytics/settings': () =>
    patch('/api/v1/analytics/settings', {
      health_weights: { order_rhythm: 40, touch_recency: 10, p_alive: 30, service_issues: 15, last_nps: 5 },
      lateness_factor: 2,
      issue_breached_penalty: 60,
    }),

  'GET /api/v1/messages': () => get('/api/v1/messages'),

  'GET /api/v1/imports/formats': () => get('/api/v1/imports/formats'),
  'GET /api/v1/imports': () => get('/api/v1/imports'),
  'GET /api/v1/imports/{id}': () => get(`/api/v1/imports/${missing}`),
  'GET /api/v1/imports/{id}/failures.csv': () => get(`/api/v1/imports/${missing}/failures.csv`),
  // Not multipart: a manager gets 400 (allowed, but no file), anyone else 403 before the upload is read.
  'POST /api/v1/imports': () => post('/api/v1/imports', { kind: 'accounts' }),

  'GET /api/v1/search': () => get('/api/v1/search?q=Scene'),
  'GET /api/v1/exports': () => get('/api/v1/exports'),
  'GET /api/v1/exports/{list}.csv': () => get('/api/v1/exports/accounts.csv'),

  'GET /api/v1/webhooks/event-types': () => get('/api/v1/webhooks/event-types'),
  'GET /api/v1/webhooks/subscriptions': () => get('/api/v1/webhooks/subscriptions'),
  'POST /api/v1/webhooks/subscriptions': async () => post('/api/v1/webhooks/subscriptions', { url: 'https://example.com/erp', event_types: await eventTypes() }),
  'PATCH /api/v1/webhooks/subscriptions/{id}': async () => patch(`/api/v1/webhooks/subscriptions/${(await subscription()).id}`, { description: 'ERP' }),
  'DELETE /api/v1/webhooks/subscriptions/{id}': async () => del(`/api/v1/webhooks/subscriptions/${(await subscription()).id}`),
  'GET /api/v1/webhooks/subscriptions/{id}/deliveries': async () => get(`/api/v1/webhooks/subscriptions/${(await subscription()).id}/deliveries`),
  'GET /api/v1/webhooks/integrations': () => get('/api/v1/webhooks/integrations'),
  'POST /api/v1/webhooks/integrations': () => post('/api/v1/webhooks/integrations', { name: `Shop ${unique()}`, format: 'afterclose' }),
  'DELETE /api/v1/webhooks/integrations/{id}': async () =>
    del(`/api/v1/webhooks/integrations/${(await admin('POST', '/api/v1/webhooks/integrations', { name: `Old ${unique()}`, format: 'shopify' })).id}`),
};

/** The role's own account (sales owns it, service services it), or one that is neither's. */
async function account(role: Role, own: boolean): Promise<string> {
  const owners = own
    ? { owner_id: role === 'sales' ? t.userIds.sales : t.userIds.manager, service_owner_id: role === 'service' ? t.userIds.service : t.userIds.admin }
    : { owner_id: t.userIds.manager, service_owner_id: t.userIds.admin };
  return (await admin('POST', '/api/v1/accounts', { name: `Scene ${unique()}`, ...owners })).id;
}

// Reading never writes (issue 15): no row lock or WAL for a list someone opens. Downloads of
// whole lists and of a person's data are the exception the audit log asks for (decision 0013), and
// API token use is written once a minute by a timer that may fire while a read runs.
const writesAReadMayMake = /^insert into "audit_log"|^update "api_tokens" set "last_used_at"/;
const readsThatWrote: string[] = [];

async function call(role: Role, route: string, own: boolean): Promise<number> {
  const build = requests[route];
  if (!build) throw new Error(`no request for ${route}`);
  const request = await build({ role, accountId: await account(role, own) });
  recorder.queries = [];
  const status = (await t.as(role)(request.method, request.url, request.body)).statusCode;
  if (request.method === 'GET') {
    for (const write of writeStatements(recorder.queries).filter((text) => !writesAReadMayMake.test(text))) readsThatWrote.push(`${route} as ${role}: ${write.slice(0, 120)}`);
  }
  return status;
}

const roles: Role[] = ['admin', 'manager', 'sales', 'service'];

describe('the permission table (docs/permissions.md)', () => {
  it('names every API route once, and has a request for each', () => {
    const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    const listed = permissionTable.map((r) => r.route);
    expect(new Set(listed).size).toBe(listed.length);
    expect(routes.filter((r) => !routesWithoutRole.includes(r)).sort()).toEqual([...listed].sort());
    expect(Object.keys(requests).sort()).toEqual([...listed].sort());
  });

  it('is the table docs/permissions.md shows', () => {
    const doc = readFileSync(new URL('../../docs/permissions.md', import.meta.url), 'utf8');
    const table = doc.match(/<!-- table:start -->\n([\s\S]*?)\n<!-- table:end -->/)?.[1];
    expect(table).toBe(permissionTableMarkdown());
  });

  for (const row of permissionTable) {
    it(`${row.route}: ${roles.map((r) => `${r} ${row[r]}`).join(', ')}`, async () => {
      const seen: Record<string, number> = {};
      const expected: Record<string, 'allowed' | 'refused'> = {};
      for (const role of roles) {
        const grant = row[role];
        if (grant === 'yes') {
          seen[`${role} on another's account`] = await call(role, row.route, false);
          expected[`${role} on another's account`] = 'allowed';
        } else if (grant === 'own') {
          seen[`${role} on own account`] = await call(role, row.route, true);
          expected[`${role} on own account`] = 'allowed';
          seen[`${role} on another's account`] = await call(role, row.route, false);
          expected[`${role} on another's account`] = 'refused';
        } else {
          seen[`${role} on own account`] = await call(role, row.route, true);
          expected[`${role} on own account`] = 'refused';
        }
      }
      // Allowed: any answer but 403 (a 400 or 404 is the route's own business) and never a 5xx.
      const verdicts = Object.fromEntries(
        Object.entries(seen).map(([who, status]) => [who, status === 403 ? 'refused' : status >= 500 || status === 401 ? `broken ${status}` : 'allowed']),
      );
      expect(verdicts, JSON.stringify(seen)).toEqual(expected);
      // A backup copies the whole database: on a busy CI machine that alone can take half a minute.
    }, row.route.endsWith('/admin/backup') ? 120_000 : undefined);
  }
});

describe('reads', () => {
  it('write nothing to the database (every GET of the table above, as every role)', () => {
    expect(readsThatWrote).toEqual([]);
  });
});

describe('rules a route row cannot show', () => {
  it('lets a salesperson take an unowned account but not give one away, nor create one for someone else', async () => {
    const sales = t.as('sales');
    const unowned = (await admin('POST', '/api/v1/accounts', { name: `Pool ${unique()}`, owner_id: null })).id;
    expect((await sales('PATCH', `/api/v1/accounts/${unowned}`, { owner_id: t.userIds.sales })).statusCode).toBe(200);
    expect((await sales('PATCH', `/api/v1/accounts/${unowned}`, { owner_id: t.userIds.manager })).statusCode).toBe(403);
    expect((await sales('POST', '/api/v1/accounts', { name: `Gift ${unique()}`, owner_id: t.userIds.manager })).statusCode).toBe(403);
    expect((await t.as('service')('PATCH', `/api/v1/accounts/${await account('service', true)}`, { owner_id: t.userIds.service })).statusCode).toBe(403);
    expect((await t.as('manager')('PATCH', `/api/v1/accounts/${unowned}`, { owner_id: t.userIds.manager })).statusCode).toBe(200);
  });

  it('lets service edit an issue but leaves reassigning it to managers', async () => {
    const { id } = await issue(await account('service', true));
    expect((await t.as('service')('PATCH', `/api/v1/issues/${id}`, { assignee_id: t.userIds.service })).statusCode).toBe(403);
    expect((await t.as('manager')('PATCH', `/api/v1/issues/${id}`, { assignee_id: t.userIds.service })).statusCode).toBe(200);
  });

  it('lets the assignee of a touch work it on an account they do not own', async () => {
    const other = await account('sales', false);
    const assigned = await admin('POST', '/api/v1/touches', { account_id: other, kind: 'call', subject: 'Covering', due_at: later, assignee_id: t.userIds.sales });
    expect((await t.as('sales')('POST', `/api/v1/touches/${assigned.id}/complete`, { outcome: 'Covered' })).statusCode).toBe(200);
  });

  it('hides survey and referral links in the outbox from everyone but admins', async () => {
    const accountId = await account('sales', true);
    const { id: contactId } = await contact(accountId);
    await admin('POST', '/api/v1/surveys/invites', { account_id: accountId, contact_id: contactId });
    const bodies = async (role: Role) =>
      (await t.as(role)('GET', `/api/v1/messages?account_id=${accountId}`)).json<{ items: { body_text: string }[] }>().items.map((m) => m.body_text).join('\n');
    expect(await bodies('admin')).toMatch(/\/s\/\S{10,}/);
    const managerView = await bodies('manager');
    expect(managerView).not.toMatch(/\/s\/\S{10,}/);
    expect(managerView).toContain('[customer link hidden]');
  });
});
