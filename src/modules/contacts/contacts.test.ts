import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';

let t: TestApp;
let accountId: string;
beforeAll(async () => {
  t = await startTestApp();
  accountId = (await t.as('sales')('POST', '/api/v1/accounts', { name: 'Kite & Co' })).json().id;
});
afterAll(async () => {
  await t.close();
});

describe('contacts', () => {
  it('adds, updates, lists and removes the people at an account', async () => {
    const api = t.as('sales');
    const created = await api('POST', '/api/v1/contacts', {
      account_id: accountId,
      name: 'Mia Kite',
      email: 'mia@kite.example',
      postal_address: 'Harbour Road 4, 1012 Amsterdam',
      newsletter_consent: true,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().consent_at).not.toBeNull();
    const id = created.json().id;
    const withdrawn = await api('PATCH', `/api/v1/contacts/${id}`, { newsletter_consent: false, title: 'Owner' });
    expect(withdrawn.json()).toMatchObject({ newsletter_consent: false, consent_at: null, title: 'Owner' });
    const account = (await api('GET', `/api/v1/accounts/${accountId}`)).json();
    expect(account.contacts.map((c: { name: string }) => c.name)).toEqual(['Mia Kite']);
    const found = (await api('GET', '/api/v1/contacts?q=kite.example')).json();
    expect(found.items.map((c: { id: string }) => c.id)).toEqual([id]);
    expect((await api('DELETE', `/api/v1/contacts/${id}`)).statusCode).toBe(403);
    expect((await t.as('manager')('DELETE', `/api/v1/contacts/${id}`)).statusCode).toBe(204);
    expect((await api('GET', `/api/v1/contacts/${id}`)).statusCode).toBe(404);
  });

  it('records that a person wants no more emails, keeping when they said so, and that they want them again', async () => {
    const api = t.as('sales');
    const id = (await api('POST', '/api/v1/contacts', { account_id: accountId, name: 'Eli Mail', email: 'eli@kite.example' })).json().id;
    const stopped = (await api('PATCH', `/api/v1/contacts/${id}`, { email_allowed: false })).json();
    expect(stopped.unsubscribed_at).not.toBeNull();
    const again = (await api('PATCH', `/api/v1/contacts/${id}`, { email_allowed: false, title: 'Buyer' })).json();
    expect(again.unsubscribed_at).toBe(stopped.unsubscribed_at);
    expect((await api('PATCH', `/api/v1/contacts/${id}`, { email_allowed: true })).json().unsubscribed_at).toBeNull();
    const bad = await api('PATCH', `/api/v1/contacts/${id}`, { email_allowed: 'yes' });
    expect([bad.statusCode, bad.json().error.field]).toEqual([400, 'email_allowed']);
  });

  it('refuses a second contact with the same email on one account, and an unknown account', async () => {
    const api = t.as('sales');
    await api('POST', '/api/v1/contacts', { account_id: accountId, name: 'Ola', email: 'ola@kite.example' });
    const dup = await api('POST', '/api/v1/contacts', { account_id: accountId, name: 'Ola again', email: 'OLA@kite.example' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.field).toBe('email');
    const unknown = await api('POST', '/api/v1/contacts', { account_id: '00000000-0000-4000-8000-000000000000', name: 'Nobody' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.field).toBe('account_id');
    const badEmail = await api('POST', '/api/v1/contacts', { account_id: accountId, name: 'X', email: 'not-an-email' });
    expect(badEmail.json().error.field).toBe('email');
  });
});
