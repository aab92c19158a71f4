import type { Role } from '../../src/platform/db-schema.ts';

/**
 * yes: on every account · own: sales on the accounts they own or that have no owner, service on the
 * accounts they service or that have no service owner (a touch's assignee always) · no: refused (403).
 */
export type Grant = 'yes' | 'own' | 'no';

/** One route: who may call it. The source of docs/permissions.md and of tests/api/permissions.test.ts. */
export type PermissionRow = { route: string; group: string; action: string } & Record<Role, Grant>;

const row = (route: string, group: string, action: string, [admin, manager, sales, service]: [Grant, Grant, Grant, Grant]): PermissionRow => ({
  route,
  group,
  action,
  admin,
  manager,
  sales,
  service,
});

const everyone: [Grant, Grant, Grant, Grant] = ['yes', 'yes', 'yes', 'yes'];
const managers: [Grant, Grant, Grant, Grant] = ['yes', 'yes', 'no', 'no'];
const admins: [Grant, Grant, Grant, Grant] = ['yes', 'no', 'no', 'no'];
const owners: [Grant, Grant, Grant, Grant] = ['yes', 'yes', 'own', 'own'];
const sellers: [Grant, Grant, Grant, Grant] = ['yes', 'yes', 'own', 'no'];

export const permissionTable: PermissionRow[] = [
  row('GET /api/v1/auth/me', 'Own session', 'who am I', everyone),
  row('POST /api/v1/auth/password', 'Own session', 'change own password', everyone),
  row('GET /api/v1/auth/tokens', 'Own session', 'list own API tokens', everyone),
  row('POST /api/v1/auth/tokens', 'Own session', 'create an API token', everyone),
  row('DELETE /api/v1/auth/tokens/{id}', 'Own session', 'revoke an own API token', everyone),
  row('GET /api/v1/me', 'Own session', 'read own profile', everyone),
  row('PATCH /api/v1/me', 'Own session', 'edit own profile', everyone),
  row('GET /api/v1/me/day', 'Own session', 'my day', everyone),
  row('GET /api/v1/me/calendar-feed', 'Own session', 'calendar feed status', everyone),
  row('POST /api/v1/me/calendar-feed', 'Own session', 'create calendar feed', everyone),
  row('DELETE /api/v1/me/calendar-feed', 'Own session', 'revoke calendar feed', everyone),
  row('GET /api/v1/notifications', 'Own session', 'list own notifications', everyone),
  row('GET /api/v1/notifications/unread-count', 'Own session', 'count own unread notifications', everyone),
  row('POST /api/v1/notifications/{id}/read', 'Own session', 'mark an own notification read', everyone),
  row('POST /api/v1/notifications/read-all', 'Own session', 'mark all own notifications read', everyone),

  row('GET /api/v1/users', 'Users', 'list users', everyone),
  row('POST /api/v1/users', 'Users', 'create a user', admins),
  row('PATCH /api/v1/users/{id}', 'Users', 'change role, deactivate (handing planned touches to a colleague), reactivate', admins),
  row('GET /api/v1/audit', 'Audit log', 'read', admins),
  row('GET /api/v1/audit.csv', 'Audit log', 'download', admins),
  row('GET /api/v1/audit/actions', 'Audit log', 'list actions', admins),
  row('POST /api/v1/admin/backup', 'Backups', 'back up the embedded database', admins),

  row('GET /api/v1/search', 'Search', 'find accounts, contacts, deals, orders and issues', everyone),

  row('GET /api/v1/accounts', 'Accounts', 'list', everyone),
  row('GET /api/v1/accounts/{id}', 'Accounts', 'read', everyone),
  row('GET /api/v1/accounts/{id}/timeline', 'Accounts', 'read timeline', everyone),
  row('POST /api/v1/accounts', 'Accounts', 'create (owner: self or none)', everyone),
  row('PATCH /api/v1/accounts/{id}', 'Accounts', 'edit (no reassigning owners)', owners),
  row('POST /api/v1/accounts/{id}/snooze', 'Accounts', 'snooze', owners),
  row('DELETE /api/v1/accounts/{id}', 'Accounts', 'delete', managers),

  row('GET /api/v1/contacts', 'Contacts', 'list', everyone),
  row('GET /api/v1/contacts/{id}', 'Contacts', 'read', everyone),
  row('POST /api/v1/contacts', 'Contacts', 'add to an account', owners),
  row('PATCH /api/v1/contacts/{id}', 'Contacts', 'edit', owners),
  row('DELETE /api/v1/contacts/{id}', 'Contacts', 'delete', managers),
  row('GET /api/v1/contacts/{id}/personal-data', 'Contacts', 'export their personal data', managers),
  row('POST /api/v1/contacts/{id}/erase', 'Contacts', 'erase on request', managers),

  row('GET /api/v1/deals', 'Deals', 'list', everyone),
  row('GET /api/v1/deals/stalled', 'Deals', 'list stalled', everyone),
  row('GET /api/v1/deals/{id}', 'Deals', 'read', everyone),
  row('GET /api/v1/deals/{id}/stage-history', 'Deals', 'stage history', everyone),
  row('POST /api/v1/deals', 'Deals', 'create', sellers),
  row('PATCH /api/v1/deals/{id}', 'Deals', 'edit', sellers),
  row('POST /api/v1/deals/{id}/win', 'Deals', 'win', sellers),
  row('POST /api/v1/deals/{id}/lose', 'Deals', 'lose', sellers),
  row('DELETE /api/v1/deals/{id}', 'Deals', 'delete', managers),

  row('GET /api/v1/orders', 'Orders', 'list', everyone),
  row('GET /api/v1/orders/{id}', 'Orders', 'read', everyone),
  row('POST /api/v1/orders', 'Orders', 'place', sellers),
  row('POST /api/v1/orders/{id}/status', 'Orders', 'ship, deliver, cancel', owners),
  row('PATCH /api/v1/orders/{id}/expected-shipping', 'Orders', 'say when a late order will ship', owners),
  row('POST /api/v1/orders/{id}/reorder', 'Orders', 'reorder', sellers),

  row('GET /api/v1/products', 'Products', 'list', everyone),
  row('GET /api/v1/products/{id}', 'Products', 'read', everyone),
  row('POST /api/v1/products', 'Products', 'create', managers),
  row('PATCH /api/v1/products/{id}', 'Products', 'edit', managers),
  row('GET /api/v1/products/{id}/launch-preview', 'Products', 'preview who a launch reaches', managers),
  row('POST /api/v1/products/{id}/launch', 'Products', 'launch', managers),
  row('DELETE /api/v1/products/{id}', 'Products', 'delete', managers),

  row('GET /api/v1/touches', 'Touches', 'list', everyone),
  row('GET /api/v1/touches/{id}', 'Touches', 'read', everyone),
  row('POST /api/v1/touches', 'Touches', 'plan', owners),
  row('POST /api/v1/touches/log', 'Touches', 'log a done touch', owners),
  row('PATCH /api/v1/touches/{id}', 'Touches', 'edit', owners),
  row('POST /api/v1/touches/{id}/complete', 'Touches', 'complete', owners),
  row('POST /api/v1/touches/{id}/skip', 'Touches', 'skip', owners),
  row('POST /api/v1/touches/{id}/snooze', 'Touches', 'snooze', owners),
  row('POST /api/v1/touches/bulk', 'Touches', 'reassign, snooze or skip many', owners),

  row('GET /api/v1/playbooks', 'Playbooks', 'list', everyone),
  row('GET /api/v1/playbooks/{id}', 'Playbooks', 'read', everyone),
  row('GET /api/v1/playbooks/{id}/runs', 'Playbooks', 'read runs', everyone),
  row('POST /api/v1/playbooks', 'Playbooks', 'create', managers),
  row('PATCH /api/v1/playbooks/{id}', 'Playbooks', 'edit', managers),
  row('POST /api/v1/playbooks/{id}/enable', 'Playbooks', 'enable', managers),
  row('POST /api/v1/playbooks/{id}/disable', 'Playbooks', 'disable', managers),
  row('POST /api/v1/playbooks/simulations', 'Playbooks', 'simulate a program on past events (sandbox)', managers),
  row('GET /api/v1/team-load', 'Team load', 'planned touches per person per day against capacity', managers),
  row('POST /api/v1/team-load/rebalance', 'Team load', 'preview or move tasks with slack to days with room', managers),

  row('GET /api/v1/issues', 'Issues', 'list', everyone),
  row('GET /api/v1/issues/{id}', 'Issues', 'read', everyone),
  row('POST /api/v1/issues', 'Issues', 'open (any account)', everyone),
  row('PATCH /api/v1/issues/{id}', 'Issues', 'edit (reassigning: managers)', ['yes', 'yes', 'no', 'yes']),
  row('POST /api/v1/issues/{id}/replies', 'Issues', 'reply', ['yes', 'yes', 'own', 'yes']),
  row('POST /api/v1/issues/{id}/status', 'Issues', 'change status', ['yes', 'yes', 'own', 'yes']),
  row('GET /api/v1/service/stats', 'Issues', 'service stats', everyone),
  row('GET /api/v1/service/slas', 'Settings', 'read SLAs', everyone),
  row('PATCH /api/v1/service/slas/{severity}', 'Settings', 'edit SLAs', managers),
  row('GET /api/v1/fulfilment/settings', 'Settings', 'read the fulfilment promise', everyone),
  row('GET /api/v1/fulfilment/report', 'Analytics', 'see order-to-ship times per week, product and person', managers),
  row('GET /api/v1/fulfilment/late-orders', 'Orders', 'see the orders past their ship-by date', managers),
  row('PATCH /api/v1/fulfilment/settings', 'Settings', 'edit the fulfilment promise', managers),
  row('PATCH /api/v1/fulfilment/accounts/{id}/promise', 'Settings', "set an account's fulfilment promise", managers),
  row('PATCH /api/v1/fulfilment/products/{id}/promise', 'Settings', "set a product's fulfilment time", managers),

  row('POST /api/v1/surveys/invites', 'Surveys', 'send a survey', owners),
  row('GET /api/v1/surveys/report', 'Surveys', 'report', everyone),
  row('GET /api/v1/surveys/verbatims', 'Surveys', 'verbatims', everyone),

  row('GET /api/v1/referrals', 'Referrals', 'list', everyone),
  row('GET /api/v1/referrals/stats', 'Referrals', 'stats', everyone),
  row('POST /api/v1/referrals', 'Referrals', 'record', owners),
  row('POST /api/v1/referrals/ask', 'Referrals', 'ask for a referral', owners),
  row('PATCH /api/v1/referrals/{id}', 'Referrals', 'set outcome', owners),

  row('GET /api/v1/goals', 'Goals', 'list', everyone),
  row('POST /api/v1/goals', 'Goals', 'create', owners),
  row('PATCH /api/v1/goals/{id}', 'Goals', 'edit', owners),
  row('POST /api/v1/goals/{id}/achieve', 'Goals', 'achieve', owners),

  row('GET /api/v1/accounts/{id}/mentions', 'Mentions', 'list', everyone),
  row('POST /api/v1/accounts/{id}/mentions', 'Mentions', 'record', owners),

  row('GET /api/v1/accounts/{id}/score', 'Analytics', 'account score', everyone),
  row('GET /api/v1/analytics/accounts', 'Analytics', 'scored accounts', everyone),
  row('GET /api/v1/analytics/segments', 'Analytics', 'segments', everyone),
  row('GET /api/v1/analytics/rfm-grid', 'Analytics', 'RFM grid', everyone),
  row('GET /api/v1/analytics/clv-distribution', 'Analytics', 'CLV distribution', everyone),
  row('GET /api/v1/analytics/cohorts', 'Analytics', 'cohorts', everyone),
  row('GET /api/v1/analytics/fit', 'Analytics', 'model fit', everyone),
  row('GET /api/v1/analytics/runs', 'Analytics', 'scoring runs', everyone),
  row('POST /api/v1/analytics/score', 'Analytics', 'score now', managers),
  row('GET /api/v1/attention', 'Analytics', 'attention gaps', managers),
  row('GET /api/v1/analytics/settings', 'Settings', 'read analytics settings', everyone),
  row('PATCH /api/v1/analytics/settings', 'Settings', 'edit analytics settings', managers),
  row('GET /api/v1/company-settings', 'Settings', 'read company settings', everyone),
  row('PATCH /api/v1/company-settings', 'Settings', 'edit company settings (name, reply-to, currency, logo)', managers),

  row('GET /api/v1/messages', 'Outbox', 'read (links hidden but for admins)', managers),

  row('GET /api/v1/imports/formats', 'Imports', 'read formats', everyone),
  row('GET /api/v1/imports', 'Imports', 'list', managers),
  row('GET /api/v1/imports/{id}', 'Imports', 'read', managers),
  row('GET /api/v1/imports/{id}/failures.csv', 'Imports', 'download failed rows', managers),
  row('POST /api/v1/imports', 'Imports', 'run (any kind)', managers),

  row('GET /api/v1/exports', 'Exports', 'list', managers),
  row('GET /api/v1/exports/{list}.csv', 'Exports', 'download (every list)', managers),

  row('GET /api/v1/webhooks/event-types', 'Webhooks', 'event types', everyone),
  row('GET /api/v1/webhooks/subscriptions', 'Webhooks', 'list subscriptions', managers),
  row('POST /api/v1/webhooks/subscriptions', 'Webhooks', 'subscribe', managers),
  row('PATCH /api/v1/webhooks/subscriptions/{id}', 'Webhooks', 'edit subscription', managers),
  row('DELETE /api/v1/webhooks/subscriptions/{id}', 'Webhooks', 'delete subscription', managers),
  row('GET /api/v1/webhooks/subscriptions/{id}/deliveries', 'Webhooks', 'deliveries', managers),
  row('GET /api/v1/webhooks/integrations', 'Webhooks', 'list inbound integrations', admins),
  row('POST /api/v1/webhooks/integrations', 'Webhooks', 'create inbound integration', admins),
  row('DELETE /api/v1/webhooks/integrations/{id}', 'Webhooks', 'revoke inbound integration', admins),
];

/** Signing in and out, and the order webhook (its HMAC signature is the credential), need no role. */
export const routesWithoutRole = ['POST /api/v1/auth/login', 'POST /api/v1/auth/logout', 'POST /api/v1/webhooks/orders'];

const mark: Record<Grant, string> = { yes: '✓', own: 'own', no: '—' };

/** The table as docs/permissions.md shows it, between its table markers. */
export function permissionTableMarkdown(): string {
  const lines = ['| Group | Action | Route | admin | manager | sales | service |', '|---|---|---|---|---|---|---|'];
  for (const r of permissionTable) {
    lines.push(`| ${r.group} | ${r.action} | \`${r.route}\` | ${mark[r.admin]} | ${mark[r.manager]} | ${mark[r.sales]} | ${mark[r.service]} |`);
  }
  return lines.join('\n');
}
