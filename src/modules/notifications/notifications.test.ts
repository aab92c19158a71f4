import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartBody } from '../../../tests/helpers/multipart.ts';
import { drainPlaybookEvents, eventHorizonWaitMs } from '../../../tests/helpers/playbook-events.ts';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { pinClock } from '../../platform/clock.ts';
import { pendingEvents } from '../../platform/event-cursor.ts';
import { appendEvent } from '../../platform/events.ts';
import type { MailLinks } from '../../platform/links.ts';
import { appSecret } from '../customer-links/index.ts';
import { notificationTicker } from './index.ts';

let t: TestApp;
let links: MailLinks;
beforeAll(async () => {
  pinClock('2026-05-04T10:00:00Z'); // a Monday
  t = await startTestApp();
  links = { publicUrl: 'http://app.test', secret: await appSecret(t.db) };
});
afterAll(async () => {
  pinClock(null);
  await t.close();
});

/** Runs the worker's notification ticker until every event is read (a shared server may hold one back a moment). */
async function drainNotifications(): Promise<void> {
  let until = Date.now() + eventHorizonWaitMs;
  for (;;) {
    const read = await notificationTicker.run({ db: t.db, links });
    if ((await pendingEvents(t.db, 'notifications')) === 0) return;
    if (read > 0) until = Date.now() + eventHorizonWaitMs;
    else if (Date.now() > until) throw new Error(`Notification events are still pending after ${eventHorizonWaitMs / 1000} seconds`);
    else await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

type Listed = { items: { id: string; kind: string; title: string; body: string | null; link: string; read_at: string | null }[]; next?: string };
const bell = async (role: 'admin' | 'manager' | 'sales' | 'service') => (await t.as(role)('GET', '/api/v1/notifications')).json<Listed>();
const unread = async (role: 'admin' | 'manager' | 'sales' | 'service') => (await t.as(role)('GET', '/api/v1/notifications/unread-count')).json<{ unread: number }>().unread;

async function customer(name: string) {
  const api = t.as('sales');
  const account = (await api('POST', '/api/v1/accounts', { name, owner_id: t.userIds.sales, service_owner_id: t.userIds.service, lifecycle: 'customer' })).json();
  const contact = (await api('POST', '/api/v1/contacts', { account_id: account.id, name: `${name} Buyer`, email: `buyer@${name.toLowerCase().replace(/\W/g, '')}.example` })).json();
  return { accountId: account.id as string, contactId: contact.id as string };
}

describe('notifications', () => {
  it('tell the service person once about an issue a salesperson opened for them, however often the events are read', async () => {
    const { accountId } = await customer('Leaky Valves');
    const issue = (await t.as('sales')('POST', '/api/v1/issues', { account_id: accountId, title: 'Valve drips' })).json();
    expect(issue.assignee_id).toBe(t.userIds.service);
    await drainNotifications();
    await t.db.updateTable('event_cursors').set({ last_tx: '0', last_id: 0 }).where('consumer', '=', 'notifications').execute();
    await drainNotifications();
    const mine = (await bell('service')).items.filter((n) => n.link === `/service/issues/${issue.id}`);
    expect(mine).toEqual([expect.objectContaining({ kind: 'assigned', title: 'Service issue for you: Valve drips', body: 'Assigned by Sam Sales', read_at: null })]);
    expect((await bell('sales')).items.some((n) => n.link === `/service/issues/${issue.id}`)).toBe(false);
  });

  it('tell the owner of a detractor answer, and the service owner of the recovery call planned for them', async () => {
    const who = await customer('Grumpy Gears');
    const invite = (await t.as('service')('POST', '/api/v1/surveys/invites', { account_id: who.accountId, contact_id: who.contactId, kind: 'nps' })).json();
    const message = await t.db.selectFrom('messages').select('body_text').where('touch_id', '=', invite.touch.id).executeTakeFirstOrThrow();
    const path = message.body_text.match(/\/s\/\S+/)?.[0] ?? '';
    await t.app.inject({ method: 'POST', url: path, payload: 'score=3&comment=Late+twice', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    await drainPlaybookEvents(t.db, links);
    await drainNotifications();
    const owner = (await bell('sales')).items.filter((n) => n.link === `/accounts/${who.accountId}`);
    expect(owner).toEqual([expect.objectContaining({ kind: 'detractor', title: 'Grumpy Gears rated us 3 of 10', body: '“Late twice”' })]);
    const service = (await bell('service')).items.filter((n) => n.link === `/accounts/${who.accountId}`);
    expect(service).toEqual([expect.objectContaining({ kind: 'assigned', title: 'New task for you: Recovery call: Grumpy Gears rated us 3 of 10' })]);
  });

  it('tell whoever ran a failed import, and managers of a webhook that stopped', async () => {
    const token = (await t.as('manager')('POST', '/api/v1/auth/tokens', { name: 'uploads' })).json().token;
    const body = multipartBody({ kind: 'products' }, { name: 'prices.csv', content: 'sku,title\nX,Y\n' });
    const upload = await t.app.inject({ method: 'POST', url: '/api/v1/imports', headers: { authorization: `Bearer ${token}`, 'content-type': body.contentType }, payload: body.payload });
    expect(upload.statusCode).toBe(422);
    await t.db.transaction().execute((trx) =>
      appendEvent(trx, { type: 'webhook.disabled', accountId: null, payload: { url: 'https://hooks.example/erp', reason: 'disabled after 10 failed deliveries in a row; last: HTTP 500' } }),
    );
    await drainNotifications();
    // Both are made in one pass of the reactor, at the same moment: their order between them is not the point.
    expect((await bell('manager')).items.map((n) => [n.kind, n.title, n.link]).sort()).toEqual([
      ['import_failed', 'The import of prices.csv failed', '/import'],
      ['webhook_failing', 'A webhook stopped: https://hooks.example/erp kept failing', '/webhooks'],
    ]);
    expect((await bell('admin')).items.map((n) => n.kind)).toEqual(['webhook_failing']);
    expect((await bell('sales')).items.some((n) => n.kind === 'webhook_failing' || n.kind === 'import_failed')).toBe(false);
  });

  it('are marked read one at a time or all at once, only by their person', async () => {
    const before = await unread('sales');
    expect(before).toBeGreaterThan(0);
    const [first] = (await bell('sales')).items;
    const someoneElses = await t.as('service')('POST', `/api/v1/notifications/${first?.id}/read`);
    expect(someoneElses.statusCode).toBe(404);
    const one = await t.as('sales')('POST', `/api/v1/notifications/${first?.id}/read`);
    expect(one.json()).toEqual({ unread: before - 1 });
    expect((await bell('sales')).items[0]?.read_at).not.toBeNull();
    const unreadOnly = (await t.as('sales')('GET', '/api/v1/notifications?unread=true')).json<Listed>();
    expect(unreadOnly.items).toHaveLength(before - 1);
    const all = await t.as('sales')('POST', '/api/v1/notifications/read-all');
    expect(all.json()).toEqual({ unread: 0, marked: before - 1 });
    expect(await unread('sales')).toBe(0);
    expect(await unread('service')).toBeGreaterThan(0);
  });

  it('come a page at a time, newest first', async () => {
    const page = (await t.as('service')('GET', '/api/v1/notifications?limit=1')).json<Listed>();
    expect(page.items).toHaveLength(1);
    const next = (await t.as('service')('GET', `/api/v1/notifications?limit=1&cursor=${page.next}`)).json<Listed>();
    expect(next.items[0]?.id).not.toBe(page.items[0]?.id);
    expect((await t.as('service')('GET', '/api/v1/notifications?cursor=nonsense')).json().error.field).toBe('cursor');
  });
});
