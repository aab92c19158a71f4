import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { Readable } from 'node:stream';
import { importOptions, runImport } from '../imports/index.ts';
import { type OutgoingMail, sendDueMessages } from '../messages/index.ts';
import { signPayload } from '../webhooks/index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

// The smallest valid PNG: one transparent pixel.
const pixel = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

describe('company settings', () => {
  it('are read by everyone, changed by managers and admins only, and audited', async () => {
    expect((await t.as('service')('GET', '/api/v1/company-settings')).json()).toMatchObject({ business_name: '', default_currency: 'EUR', logo_url: null });
    expect((await t.as('sales')('PATCH', '/api/v1/company-settings', { business_name: 'Sneaky' })).statusCode).toBe(403);
    const changed = await t.as('manager')('PATCH', '/api/v1/company-settings', { business_name: 'Grün & Co', reply_to: 'hello@grun.example', default_currency: 'chf' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ business_name: 'Grün & Co', reply_to: 'hello@grun.example', default_currency: 'CHF' });
    const audit = await t.db.selectFrom('audit_log').select('changes').where('action', '=', 'settings.company_updated').executeTakeFirstOrThrow();
    expect(audit.changes).toMatchObject({ business_name: { before: '', after: 'Grün & Co' } });
  });

  it('refuse what is not valid with a 400 naming the field', async () => {
    const refused = async (body: Record<string, unknown>) => (await t.as('admin')('PATCH', '/api/v1/company-settings', body)).json().error;
    expect(await refused({ default_currency: 'EURO' })).toMatchObject({ code: 'invalid_input', field: 'default_currency' });
    expect(await refused({ reply_to: 'not an address' })).toMatchObject({ field: 'reply_to' });
    expect(await refused({ logo_url: 'javascript:alert(1)' })).toMatchObject({ field: 'logo_url' });
    expect(await refused({ logo_upload: { type: 'image/svg+xml', data_base64: pixel } })).toMatchObject({ field: 'logo_upload.type' });
    const html = Buffer.from('<script>alert(1)</script>').toString('base64');
    expect(await refused({ logo_upload: { type: 'image/png', data_base64: html } })).toMatchObject({ field: 'logo_upload', message: 'The logo file is not a PNG image' });
    const huge = Buffer.concat([Buffer.from(pixel, 'base64'), Buffer.alloc(300 * 1024)]).toString('base64');
    expect((await t.as('admin')('PATCH', '/api/v1/company-settings', { logo_upload: { type: 'image/png', data_base64: huge } })).statusCode).toBe(400);
    expect((await t.as('admin')('GET', '/api/v1/company-settings')).json().default_currency).toBe('CHF');
  });

  it('price orders and deals that name no currency in the default currency, from the API, an import and a webhook', async () => {
    const sales = t.as('sales');
    const account = (await sales('POST', '/api/v1/accounts', { name: 'Franken AG', owner_id: t.userIds.sales })).json();
    const order = (await sales('POST', '/api/v1/orders', { account_id: account.id, lines: [{ description: 'Beans', quantity: 1, unit_price: 20 }] })).json();
    const deal = (await sales('POST', '/api/v1/deals', { account_id: account.id, title: 'Fit-out', value: 900 })).json();
    const dollars = (await sales('POST', '/api/v1/deals', { account_id: account.id, title: 'Export', value: 500, currency: 'USD' })).json();
    expect([order.currency, deal.currency, dollars.currency]).toEqual(['CHF', 'CHF', 'USD']);

    const csv = 'order_number,customer_email,placed_at,description,unit_price\nF-1,anna@franken.example,2026-05-01T10:00:00Z,Mug,9';
    await runImport(t.db, { source: Readable.from([Buffer.from(csv)]), fileName: 'orders.csv', options: importOptions.parse({ kind: 'orders' }), startedBy: null });
    const integration = (await t.as('admin')('POST', '/api/v1/webhooks/integrations', { name: 'shop', format: 'afterclose' })).json();
    const body = JSON.stringify({ id: 'w-1', number: 'W-1', placed_at: '2026-05-02T10:00:00Z', customer: { email: 'ben@franken.example' }, lines: [{ description: 'Tea', quantity: 1, unit_price: 5 }] });
    const signature = signPayload(integration.secret, body, Math.floor(Date.now() / 1000));
    const hook = await t.app.inject({ method: 'POST', url: integration.url, headers: { 'content-type': 'application/json', 'x-afterclose-signature': signature }, payload: body });
    expect(hook.statusCode).toBe(201);
    const stored = await t.db.selectFrom('orders').select(['number', 'currency']).where('number', 'in', ['F-1', 'W-1']).orderBy('number').execute();
    expect(stored).toEqual([{ number: 'F-1', currency: 'CHF' }, { number: 'W-1', currency: 'CHF' }]);
  });

  it('serve an uploaded logo as an image to anyone, with nosniff', async () => {
    const saved = (await t.as('admin')('PATCH', '/api/v1/company-settings', { logo_upload: { type: 'image/png', data_base64: pixel } })).json();
    expect(saved).toMatchObject({ logo_source: 'upload', logo_url: expect.stringMatching(/^\/company\/logo\?v=\d+$/) });
    const logo = await t.app.inject({ method: 'GET', url: saved.logo_url });
    expect(logo.statusCode).toBe(200);
    expect(logo.headers['content-type']).toBe('image/png');
    expect(logo.headers['x-content-type-options']).toBe('nosniff');
    expect(logo.rawPayload.equals(Buffer.from(pixel, 'base64'))).toBe(true);
    const byUrl = (await t.as('admin')('PATCH', '/api/v1/company-settings', { logo_url: 'https://cdn.grun.example/logo.png' })).json();
    expect(byUrl).toMatchObject({ logo_source: 'url', logo_url: 'https://cdn.grun.example/logo.png' });
    expect((await t.app.inject({ method: 'GET', url: '/company/logo' })).statusCode).toBe(404);
  });

  it('name the sender of emails, sign them, give a Reply-To when no owner answers, and head the public survey page', async () => {
    const account = (await t.as('manager')('POST', '/api/v1/accounts', { name: 'Ownerless Oy', owner_id: null, lifecycle: 'customer' })).json();
    const contact = (await t.as('manager')('POST', '/api/v1/contacts', { account_id: account.id, name: 'Olli', email: 'olli@ownerless.example' })).json();
    const invite = (await t.as('manager')('POST', '/api/v1/surveys/invites', { account_id: account.id, contact_id: contact.id, kind: 'nps' })).json();
    const sent: OutgoingMail[] = [];
    const transport = { kind: 'outbox' as const, send: async (mail: OutgoingMail) => void sent.push(mail), close: () => undefined };
    await sendDueMessages(t.db, { transport, from: 'Afterclose <team@afterclose.test>', leaseSeconds: 60 });
    const mail = sent.find((m) => m.to === 'olli@ownerless.example');
    expect(mail?.from).toEqual({ name: 'Grün & Co', address: 'team@afterclose.test' });
    expect(mail?.replyTo).toEqual({ name: 'Grün & Co', address: 'hello@grun.example' });
    expect(mail?.text.endsWith('\n\nGrün & Co')).toBe(true);
    const message = await t.db.selectFrom('messages').select('body_text').where('touch_id', '=', invite.touch.id).executeTakeFirstOrThrow();
    const page = await t.app.inject({ method: 'GET', url: message.body_text.match(/\/s\/\S+/)?.[0] ?? '' });
    expect(page.body).toContain('<header class="brand"><img src="https://cdn.grun.example/logo.png" alt=""><span>Grün &#38; Co</span></header>');
    const unsubscribe = await t.app.inject({ method: 'GET', url: new URL(mail?.unsubscribeUrl ?? 'http://x/none').pathname });
    expect(unsubscribe.body).toContain('<span>Grün &#38; Co</span></header>');
  });
});
