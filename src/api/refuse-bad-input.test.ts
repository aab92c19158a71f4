import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../tests/helpers/test-app.ts';
import { now, pinClock } from '../platform/clock.ts';
import { signPayload } from '../modules/webhooks/index.ts';

// PostgreSQL refuses U+0000 in text and jsonb, and a body nested thousands of levels deep exhausts
// its stack: both used to reach the database and come back as 500. They are client errors.

let t: TestApp;
let accountId: string;
let contactId: string;
beforeAll(async () => {
  pinClock('2026-06-01T10:00:00Z');
  t = await startTestApp();
  accountId = (await t.as('sales')('POST', '/api/v1/accounts', { name: 'Input Ironworks', owner_id: t.userIds.sales })).json().id;
  contactId = (await t.as('sales')('POST', '/api/v1/contacts', { account_id: accountId, name: 'Iris Input', email: 'iris@ironworks.example' })).json().id;
});
afterAll(async () => {
  pinClock(null);
  await t.close();
});

const nul = 'bad\u0000value';
const cursorOf = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
const accountCount = async () => (await t.db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

function expectRefused(response: { statusCode: number; json(): unknown }, field: string) {
  expect(response.statusCode, JSON.stringify(response.json())).toBe(400);
  expect(response.json()).toMatchObject({ error: { code: 'invalid_input', field } });
}

/** JSON text nested `levels` objects deep, written by hand: JSON.stringify itself overflows on it. */
function nested(levels: number): string {
  return `${'{"a":'.repeat(levels)}{"leaf":true}${'}'.repeat(levels)}`;
}

let rawToken = '';
/** Sends a JSON body given as text, so it can be deeper than JSON.stringify can write. */
async function sendJson(method: 'POST' | 'PATCH', url: string, json: string) {
  rawToken ||= (await t.as('sales')('POST', '/api/v1/auth/tokens', { name: 'raw json' })).json<{ token: string }>().token;
  return t.app.inject({ method, url, payload: json, headers: { 'content-type': 'application/json', authorization: `Bearer ${rawToken}` } });
}

describe('a NUL character anywhere in a request', () => {
  it('is a 400 naming the field, in bodies, nested fields, query strings, cursors and paths, and stores nothing', async () => {
    const sales = t.as('sales');
    const before = await accountCount();
    expectRefused(await sales('POST', '/api/v1/accounts', { name: nul }), 'name');
    expectRefused(await sales('POST', '/api/v1/accounts', { name: 'Fine', tags: ['ok', nul] }), 'tags.1');
    expectRefused(await sales('POST', '/api/v1/accounts', { name: 'Fine', billing: { address: { street: nul } } }), 'billing.address.street');
    expectRefused(await sales('POST', '/api/v1/accounts', { name: 'Fine', billing: { [`key${nul}`]: 1 } }), 'billing.keybad\\u0000value');
    expect(await accountCount()).toBe(before);
    expectRefused(await sales('PATCH', `/api/v1/accounts/${accountId}`, { name: nul }), 'name');
    expectRefused(
      await sales('POST', '/api/v1/orders', { account_id: accountId, lines: [{ description: 'Tea', unit_price: 2, quantity: 1 }, { description: nul, unit_price: 2, quantity: 1 }] }),
      'lines.1.description',
    );
    expectRefused(await sales('POST', '/api/v1/touches', { account_id: accountId, kind: 'call', subject: nul, due_at: now().toISOString() }), 'subject');
    expectRefused(await sales('POST', '/api/v1/contacts', { account_id: accountId, name: 'Nia', email: 'nia@x.example', notes: nul }), 'notes');
    expectRefused(await sales('GET', '/api/v1/accounts?q=bad%00value'), 'q');
    expectRefused(await sales('GET', '/api/v1/orders?q=%00'), 'q');
    expectRefused(await sales('GET', `/api/v1/accounts/${accountId}%00`), 'id');
    // A forged cursor decodes to a NUL inside a valid-looking cursor.
    expectRefused(await sales('GET', `/api/v1/accounts?cursor=${cursorOf([nul, accountId])}`), 'cursor');
    expectRefused(await sales('GET', '/api/v1/accounts?cursor=bad%00cursor'), 'cursor');
    // Unauthenticated public links refuse it too.
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const invite = await t.as('service')('POST', '/api/v1/surveys/invites', { account_id: accountId, contact_id: contactId, kind: 'nps' });
    const message = await t.db.selectFrom('messages').select('body_text').where('touch_id', '=', invite.json().touch.id).executeTakeFirstOrThrow();
    const token = message.body_text.match(/\/s\/(\S+)/)?.[1] ?? '';
    const survey = await t.app.inject({ method: 'POST', url: `/s/${token}`, headers: form, payload: 'score=9&comment=bad%00value' });
    expectRefused(survey, 'comment');
    expect(await t.db.selectFrom('survey_responses').selectAll().execute()).toEqual([]);
    expectRefused(await t.app.inject({ method: 'POST', url: '/r/some-referral-token', headers: form, payload: 'name_1=Rob&email_1=rob%00@x.example' }), 'email_1');
    expectRefused(await t.app.inject({ method: 'GET', url: '/u/some-unsubscribe%00token' }), 'token');
  });

  it('is a 400 naming the field in a signed inbound webhook, which stores nothing', async () => {
    const integration = (await t.as('admin')('POST', '/api/v1/webhooks/integrations', { name: 'Shop', format: 'afterclose' })).json<{ secret: string; url: string }>();
    const body = JSON.stringify({
      id: 'ext-nul', number: 'W-NUL', placed_at: '2026-05-31T09:00:00Z',
      customer: { email: 'nul@webshop.example', name: `Nul${'\u0000'}Buyer` },
      lines: [{ description: 'Tea', quantity: 1, unit_price: 5 }],
    });
    const response = await t.app.inject({
      method: 'POST', url: integration.url, payload: body,
      headers: { 'content-type': 'application/json', 'x-afterclose-signature': signPayload(integration.secret, body, Math.floor(now().getTime() / 1000)) },
    });
    expectRefused(response, 'customer.name');
    expect(await t.db.selectFrom('orders').selectAll().where('number', '=', 'W-NUL').execute()).toEqual([]);
  });
});

describe('free-form JSON fields (billing, specs)', () => {
  it('refuse a value nested 10,000 levels deep or larger than 16 KB with a 400 naming the field', async () => {
    const sales = t.as('sales');
    const before = await accountCount();
    expectRefused(await sendJson('POST', '/api/v1/accounts', `{"name":"Deep","billing":${nested(10_000)}}`), 'billing');
    expectRefused(await sales('POST', '/api/v1/accounts', { name: 'Big', billing: { note: 'x'.repeat(20_000) } }), 'billing');
    expect(await accountCount()).toBe(before);
    expectRefused(await sendJson('PATCH', `/api/v1/accounts/${accountId}`, `{"billing":${nested(10_000)}}`), 'billing');
    const line = '{"description":"Tea","unit_price":2,"quantity":1}';
    expectRefused(await sendJson('POST', '/api/v1/orders', `{"account_id":"${accountId}","billing":${nested(50)},"lines":[${line}]}`), 'billing');
    expectRefused(
      await sendJson('POST', '/api/v1/orders', `{"account_id":"${accountId}","lines":[${line.replace('}', `,"specs":${nested(10_000)}}`)}]}`),
      'lines.0.specs',
    );
    // What a real billing block looks like still goes through.
    const billing = { company: 'Input Ironworks', address: { street: 'Forge Lane 1', city: 'Turku', country: 'FI' }, vat: 'FI12345678' };
    const saved = await sales('PATCH', `/api/v1/accounts/${accountId}`, { billing });
    expect(saved.statusCode).toBe(200);
    const row = await t.db.selectFrom('accounts').select('billing').where('id', '=', accountId).executeTakeFirstOrThrow();
    expect(row.billing).toEqual(billing);
  });
});

describe('a body that is not JSON', () => {
  it('is a 415 on the API, which stores nothing, while the public pages keep their HTML forms', async () => {
    const before = await accountCount();
    const response = await t.as('sales')('POST', '/api/v1/accounts', 'name=Formed', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(response.statusCode).toBe(415);
    expect(response.json()).toMatchObject({ error: { field: 'content-type' } });
    expect(await accountCount()).toBe(before);
  });
});

describe('values a record could not work with', () => {
  it('refuses a link that is not a web address, a webhook address with a password, an event type no event has, an unknown currency and a score range that matches nothing', async () => {
    const mention = await t.as('sales')('POST', `/api/v1/accounts/${accountId}/mentions`, { source: 'Blog', title: 'Ironworks in the news', url: 'javascript:alert(1)', published_at: '2026-05-30T10:00:00Z' });
    expectRefused(mention, 'url');
    const withPassword = await t.as('manager')('POST', '/api/v1/webhooks/subscriptions', { url: 'https://user:pass@hooks.example.com/a', event_types: ['order.placed'] });
    expectRefused(withPassword, 'url');
    const noSuchEvent = await t.as('manager')('POST', '/api/v1/webhooks/subscriptions', { url: 'https://hooks.example.com/a', event_types: ['nosuch.event'] });
    expectRefused(noSuchEvent, 'event_types.0');
    const currency = await t.as('sales')('POST', '/api/v1/deals', { account_id: accountId, title: 'Gates', currency: 'XYZ' });
    expectRefused(currency, 'currency');
    const lowerCase = await t.as('sales')('POST', '/api/v1/deals', { account_id: accountId, title: 'Railings', currency: 'eur' });
    expect(lowerCase.json()).toMatchObject({ currency: 'EUR' });
    const range = await t.as('manager')('POST', '/api/v1/playbooks', {
      name: 'Never',
      trigger: 'survey_answered',
      trigger_config: { min_score: 9, max_score: 2 },
      steps: [{ key: 'call', kind: 'task', offset_days: 1 }],
    });
    expectRefused(range, 'trigger_config.max_score');
    // The column holds 9,999,999,999.99: the schema said 10,000,000,000 and the database refused it.
    const price = await t.as('manager')('POST', '/api/v1/products', { sku: 'GOLD-1', name: 'Gold gate', price: 10_000_000_000 });
    expectRefused(price, 'price');
    expect(await t.db.selectFrom('webhook_subscriptions').select('id').execute()).toEqual([]);
    expect(await t.db.selectFrom('mentions').select('id').execute()).toEqual([]);
  });
});

describe('an address the router cannot match', () => {
  it('answers in the API’s own shape, and a mangled customer link gets the bad-link page', async () => {
    const long = await t.as('sales')('GET', `/api/v1/accounts/${'a'.repeat(700)}`);
    expect(long.statusCode).toBe(414);
    expect(long.json()).toEqual({ error: { code: 'invalid_input', field: 'path', message: 'A part of this address is longer than any id or link this API hands out' } });
    const encoding = await t.as('sales')('GET', '/api/v1/accounts/%E0%A4%A');
    expect(encoding.statusCode).toBe(400);
    expect(encoding.json().error).toMatchObject({ code: 'invalid_input', field: 'path' });
    const survey = await t.as(null)('GET', `/s/${'x'.repeat(700)}`);
    expect(survey.statusCode).toBe(400);
    expect(survey.headers['content-type']).toContain('text/html');
    expect(survey.body).toContain('This link is not valid');
  });
});
