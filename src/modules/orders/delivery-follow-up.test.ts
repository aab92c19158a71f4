import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainPlaybookEvents } from '../../../tests/helpers/playbook-events.ts';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { now } from '../../platform/clock.ts';
import { appendEvent } from '../../platform/events.ts';
import { appSecret } from '../customer-links/index.ts';
import { signPayload } from '../webhooks/index.ts';

let t: TestApp;
let guideProductId: string;
let plainProductId: string;
beforeAll(async () => {
  t = await startTestApp();
  const product = (sku: string, getting_started_url?: string) =>
    t.as('manager')('POST', '/api/v1/products', { sku, name: sku === 'KIT' ? 'Sourdough starter kit' : 'Flour sack', price: 20, ...(getting_started_url ? { getting_started_url } : {}) });
  const guide = await product('KIT', 'https://bakery.example/start');
  expect(guide.json()).toMatchObject({ getting_started_url: 'https://bakery.example/start' });
  guideProductId = guide.json().id;
  plainProductId = (await product('FLOUR')).json().id;
});
afterAll(async () => {
  await t.close();
});

const links = async () => ({ publicUrl: 'http://app.test', secret: await appSecret(t.db) });

async function customer(name: string, tags: string[] = []) {
  const id = (await t.as('sales')('POST', '/api/v1/accounts', { name, owner_id: t.userIds.sales, tags })).json().id as string;
  await t.db.updateTable('accounts').set({ service_owner_id: t.userIds.service }).where('id', '=', id).execute();
  await t.as('sales')('POST', '/api/v1/contacts', { account_id: id, name: `${name} buyer`, email: `${name.toLowerCase().replace(/\W/g, '')}@example.test` });
  return id;
}

async function deliveredOrder(accountId: string, productId: string, placed_at: string) {
  const order = (await t.as('sales')('POST', '/api/v1/orders', { account_id: accountId, placed_at, lines: [{ product_id: productId, description: 'x', quantity: 1 }] })).json() as { id: string; number: string };
  expect((await t.as('service')('POST', `/api/v1/orders/${order.id}/status`, { status: 'delivered' })).statusCode).toBe(200);
  return order;
}

const followUpMails = (accountId: string) =>
  t.db.selectFrom('messages').select(['to_email', 'subject', 'body_text', 'reply_as']).where('account_id', '=', accountId).where('subject', 'like', 'Did your order%arrive well?').execute();
const followUpCalls = (accountId: string) =>
  t.db.selectFrom('touches').select(['kind', 'assignee_id', 'subject']).where('account_id', '=', accountId).where('subject', 'like', 'Call %arrive well?').execute();

describe('the delivery follow-up', () => {
  it("emails the getting-started link for a customer's first order delivered by webhook, once even if the delivery is reported again", async () => {
    const accountId = await customer('Crumb and Co');
    const first = (await t.as('sales')('POST', '/api/v1/orders', { account_id: accountId, placed_at: '2026-11-02T10:00:00Z', lines: [{ product_id: guideProductId, description: 'x', quantity: 1 }] })).json() as { id: string; number: string };
    await t.db.updateTable('orders').set({ external_id: 'shop-1' }).where('id', '=', first.id).execute();
    const integration = (await t.as('admin')('POST', '/api/v1/webhooks/integrations', { name: 'shop', format: 'afterclose' })).json() as { url: string; secret: string };
    const body = JSON.stringify({ id: 'shop-1', number: first.number, placed_at: '2026-11-02T10:00:00Z', status: 'delivered', customer: { email: 'crumbandco@example.test' }, lines: [{ sku: 'KIT', description: 'x', quantity: 1, unit_price: 20 }] });
    const sent = await t.app.inject({ method: 'POST', url: integration.url, headers: { 'content-type': 'application/json', 'x-afterclose-signature': signPayload(integration.secret, body, Math.floor(now().getTime() / 1000)) }, payload: body });
    expect(sent.json()).toMatchObject({ order_id: first.id });
    await drainPlaybookEvents(t.db, await links());
    // The same delivery reported once more (another integration, a replayed event): no second email.
    await t.db.transaction().execute((trx) => appendEvent(trx, { type: 'order.delivered', accountId, subjectId: first.id, actorId: null, payload: { number: first.number } }));
    await drainPlaybookEvents(t.db, await links());
    const mails = await followUpMails(accountId);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to_email: 'crumbandco@example.test', reply_as: 'service_owner' });
    expect(mails[0]?.body_text).toContain('Sourdough starter kit');
    expect(mails[0]?.body_text).toContain('https://bakery.example/start');

    await deliveredOrder(accountId, guideProductId, '2026-11-20T10:00:00Z');
    await drainPlaybookEvents(t.db, await links());
    expect(await followUpMails(accountId)).toHaveLength(1);
  });

  it('plans a call for a key account when no product has a link, and nothing for other customers', async () => {
    const keyAccount = await customer('Grand Hotel', ['Key account']);
    const other = await customer('Corner Cafe');
    await deliveredOrder(keyAccount, plainProductId, '2026-11-03T10:00:00Z');
    await deliveredOrder(other, plainProductId, '2026-11-03T10:00:00Z');
    await drainPlaybookEvents(t.db, await links());
    expect(await followUpCalls(keyAccount)).toEqual([{ kind: 'call', assignee_id: t.userIds.service, subject: expect.stringContaining('Grand Hotel') }]);
    expect(await followUpMails(keyAccount)).toHaveLength(0);
    expect(await followUpCalls(other)).toHaveLength(0);
    expect(await followUpMails(other)).toHaveLength(0);
  });

  it('refuses a getting-started link that is not a web address, naming the field', async () => {
    const res = await t.as('manager')('PATCH', `/api/v1/products/${plainProductId}`, { getting_started_url: 'javascript:alert(1)' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('getting_started_url');
  });

  it('is two editable playbooks that are on by default', async () => {
    const playbooks = (await t.as('manager')('GET', '/api/v1/playbooks')).json() as { items: { trigger: string; enabled: boolean }[] };
    expect(playbooks.items.find((p) => p.trigger === 'first_delivery_guide')).toMatchObject({ enabled: true });
    expect(playbooks.items.find((p) => p.trigger === 'first_delivery_key_account')).toMatchObject({ enabled: true });
  });
});
