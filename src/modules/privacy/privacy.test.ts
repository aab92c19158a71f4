import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { pinClock } from '../../platform/clock.ts';

let t: TestApp;
let accountId: string;
let contactId: string;
beforeAll(async () => {
  pinClock('2026-05-04T10:00:00Z');
  t = await startTestApp();
  const api = t.as('sales');
  accountId = (await api('POST', '/api/v1/accounts', { name: 'Private Parts Ltd', lifecycle: 'customer' })).json().id;
  contactId = (await api('POST', '/api/v1/contacts', { account_id: accountId, name: 'Petra Private', email: 'petra@private.example', phone: '+49 30 555' })).json().id;
  await api('POST', '/api/v1/touches/log', { account_id: accountId, contact_id: contactId, kind: 'call', subject: 'Call with Petra', notes: 'Petra is moving to Munich' });
  const invite = (await t.as('service')('POST', '/api/v1/surveys/invites', { account_id: accountId, contact_id: contactId, kind: 'nps' })).json();
  const message = await t.db.selectFrom('messages').select('body_text').where('touch_id', '=', invite.touch.id).executeTakeFirstOrThrow();
  const path = message.body_text.match(/\/s\/\S+/)?.[0] ?? '';
  await t.app.inject({ method: 'POST', url: path, payload: 'score=4&comment=Petra+says+slow', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
});
afterAll(async () => {
  pinClock(null);
  await t.close();
});

describe('personal data', () => {
  it('exports everything about a contact to a manager, and to nobody below', async () => {
    expect((await t.as('sales')('GET', `/api/v1/contacts/${contactId}/personal-data`)).statusCode).toBe(403);
    const res = await t.as('manager')('GET', `/api/v1/contacts/${contactId}/personal-data`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    const data = res.json();
    expect(data.contact).toMatchObject({ name: 'Petra Private', email: 'petra@private.example' });
    expect(data.touches.map((x: { notes: string | null }) => x.notes)).toContain('Petra is moving to Munich');
    expect(data.messages[0]).toMatchObject({ to_email: 'petra@private.example' });
    expect(data.surveys[0]).toMatchObject({ score: 4, comment: 'Petra says slow' });
    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor_id']).where('entity_id', '=', contactId).where('action', '=', 'contact.personal_data_exported').execute();
    expect(audit).toEqual([{ action: 'contact.personal_data_exported', actor_id: t.userIds.manager }]);
  });

  it('erases a contact on confirmation, keeping counts and scores but nothing that names them', async () => {
    const touchesBefore = await t.db.selectFrom('touches').select('id').where('contact_id', '=', contactId).execute();
    expect((await t.as('sales')('POST', `/api/v1/contacts/${contactId}/erase`, { confirm: true })).statusCode).toBe(403);
    const unconfirmed = await t.as('manager')('POST', `/api/v1/contacts/${contactId}/erase`, {});
    expect(unconfirmed.json().error.field).toBe('confirm');

    const erased = await t.as('manager')('POST', `/api/v1/contacts/${contactId}/erase`, { confirm: true });
    expect(erased.statusCode).toBe(200);
    const contact = await t.db.selectFrom('contacts').selectAll().where('id', '=', contactId).executeTakeFirstOrThrow();
    expect(contact).toMatchObject({ name: 'Erased contact', email: null, phone: null, newsletter_consent: false });
    expect(contact.unsubscribed_at).not.toBeNull();
    const touches = await t.db.selectFrom('touches').select(['subject', 'notes', 'outcome']).where('contact_id', '=', contactId).execute();
    expect(touches).toHaveLength(touchesBefore.length);
    expect(touches.every((x) => x.notes === null && x.outcome === null && !x.subject.includes('Petra'))).toBe(true);
    const messages = await t.db.selectFrom('messages').select(['to_email', 'body_text', 'status']).where('contact_id', '=', contactId).execute();
    expect(messages.every((m) => m.to_email === 'erased@invalid' && m.body_text === '' && m.status !== 'queued')).toBe(true);
    const responses = await t.db.selectFrom('survey_responses').select(['score', 'comment']).where('account_id', '=', accountId).execute();
    expect(responses).toEqual([{ score: 4, comment: null }]);
    const events = await t.db.selectFrom('events').select(['type', 'payload']).where('account_id', '=', accountId).execute();
    expect(JSON.stringify(events)).not.toMatch(/petra|Petra says slow/i);
    expect(events.find((e) => e.type === 'contact.erased')?.payload).toEqual({ touches: touchesBefore.length, messages: 1, survey_invites: 1 });
    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor_id', 'changes']).where('entity_id', '=', contactId).where('action', '=', 'contact.erased').execute();
    expect(audit).toEqual([{ action: 'contact.erased', actor_id: t.userIds.manager, changes: { touches: touchesBefore.length, messages: 1, survey_invites: 1 } }]);
  });
});
