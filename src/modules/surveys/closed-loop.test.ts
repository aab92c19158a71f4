import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainPlaybookEvents } from '../../../tests/helpers/playbook-events.ts';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { pinClock } from '../../platform/clock.ts';
import { appSecret } from '../customer-links/index.ts';
import type { MailLinks } from '../../platform/links.ts';
import { sendDueReferralAsks } from '../referrals/index.ts';
import { sendDueSurveyInvites } from './surveys.jobs.ts';

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

async function customer(name: string) {
  const api = t.as('sales');
  const account = (await api('POST', '/api/v1/accounts', { name, owner_id: t.userIds.sales, service_owner_id: t.userIds.service, lifecycle: 'customer' })).json();
  const contact = (await api('POST', '/api/v1/contacts', { account_id: account.id, name: `${name} Buyer`, email: `buyer@${name.toLowerCase().replace(/\W/g, '')}.example` })).json();
  return { accountId: account.id as string, contactId: contact.id as string };
}

async function answer(who: { accountId: string; contactId: string }, kind: 'nps' | 'csat', form: string) {
  const invite = (await t.as('service')('POST', '/api/v1/surveys/invites', { account_id: who.accountId, contact_id: who.contactId, kind })).json();
  const message = await t.db.selectFrom('messages').select('body_text').where('touch_id', '=', invite.touch.id).executeTakeFirstOrThrow();
  const path = message.body_text.match(/\/s\/\S+/)?.[0] ?? '';
  const res = await t.app.inject({ method: 'POST', url: path, payload: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  expect(res.body).toContain('Thank you for your answer');
}

const playbookTouches = (accountId: string) =>
  t.db.selectFrom('touches').selectAll().where('account_id', '=', accountId).where('playbook_run_id', 'is not', null).execute();

describe('the closed loop', () => {
  it('a detractor answer plans exactly one recovery call for the service owner, due within one business day, with the comment', async () => {
    const who = await customer('Grumpy Gears');
    await answer(who, 'nps', 'score=3&comment=Late+twice+this+month');
    await drainPlaybookEvents(t.db, links);
    await t.db.updateTable('event_cursors').set({ last_tx: '0', last_id: 0 }).execute();
    await drainPlaybookEvents(t.db, links);
    const touches = await playbookTouches(who.accountId);
    expect(touches.map((x) => x.step_key)).toEqual(['recovery_call']);
    expect(touches[0]).toMatchObject({ kind: 'call', status: 'planned', assignee_id: t.userIds.service, subject: 'Recovery call: Grumpy Gears rated us 3 of 10' });
    expect(touches[0]?.notes).toContain('Their comment: Late twice this month');
    expect(touches[0]?.due_at?.toISOString()).toBe('2026-05-05T09:00:00.000Z');
  });

  it('the recovery call is about the contact who answered, not the first contact on the account', async () => {
    const first = await customer('Two Voices');
    const second = (await t.as('sales')('POST', '/api/v1/contacts', { account_id: first.accountId, name: 'Vera Second', email: 'vera@twovoices.example', phone: '+49 30 1234' })).json();
    await answer({ accountId: first.accountId, contactId: second.id }, 'nps', 'score=2');
    await drainPlaybookEvents(t.db, links);
    const [recovery] = await playbookTouches(first.accountId);
    expect(recovery).toMatchObject({ step_key: 'recovery_call', contact_id: second.id });
  });

  it('on a Friday afternoon, the recovery call is due Monday morning', async () => {
    pinClock('2026-05-08T15:00:00Z');
    const who = await customer('Friday Fasteners');
    await answer(who, 'nps', 'score=0');
    await drainPlaybookEvents(t.db, links);
    const [recovery] = await playbookTouches(who.accountId);
    expect(recovery?.due_at?.toISOString()).toBe('2026-05-11T09:00:00.000Z');
    pinClock('2026-05-04T10:00:00Z');
  });

  it('a passive gets a follow-up call by the owner; a poor CSAT answer is not taken for a detractor', async () => {
    const passive = await customer('Middling Mills');
    await answer(passive, 'nps', 'score=7');
    const unhappy = await customer('Csat Corner');
    await answer(unhappy, 'csat', 'score=1&comment=Slow');
    await drainPlaybookEvents(t.db, links);
    expect((await playbookTouches(passive.accountId)).map((x) => [x.step_key, x.assignee_id])).toEqual([['follow_up_call', t.userIds.sales]]);
    expect(await playbookTouches(unhappy.accountId)).toEqual([]);
  });

  it('a promoter is asked for referrals by email with a form link, once', async () => {
    const fan = await customer('Happy Hinges');
    await answer(fan, 'nps', 'score=10&comment=Great+service');
    await drainPlaybookEvents(t.db, links);
    const [ask] = await playbookTouches(fan.accountId);
    expect(ask).toMatchObject({ kind: 'referral_ask', status: 'planned', assignee_id: null, contact_id: fan.contactId });
    expect(await sendDueReferralAsks(t.db, links)).toBe(1);
    expect(await sendDueReferralAsks(t.db, links)).toBe(0);
    const mail = await t.db.selectFrom('messages').selectAll().where('touch_id', '=', ask!.id).executeTakeFirstOrThrow();
    expect(mail).toMatchObject({ to_email: 'buyer@happyhinges.example', subject: 'Thank you, Happy Hinges Buyer!' });
    expect(mail.body_text).toMatch(/Is there anyone else who would benefit[\s\S]*http:\/\/app\.test\/r\/\S+\.\S+/);
    const link = await t.db.selectFrom('referral_links').selectAll().where('touch_id', '=', ask!.id).executeTakeFirstOrThrow();
    expect(link).toMatchObject({ account_id: fan.accountId, contact_id: fan.contactId, used_at: null });
  });

  it('resolving an issue sends a CSAT survey about it', async () => {
    const who = await customer('Fixed Fittings');
    const issue = (await t.as('sales')('POST', '/api/v1/issues', { account_id: who.accountId, contact_id: who.contactId, title: 'Leaking valve' })).json();
    await t.as('service')('POST', `/api/v1/issues/${issue.id}/replies`, { kind: 'call', body: 'Replaced the seal' });
    await t.as('service')('POST', `/api/v1/issues/${issue.id}/status`, { status: 'resolved' });
    await drainPlaybookEvents(t.db, links);
    expect(await sendDueSurveyInvites(t.db, links)).toBe(1);
    expect(await sendDueSurveyInvites(t.db, links)).toBe(0);
    const invite = await t.db.selectFrom('survey_invites').selectAll().where('issue_id', '=', issue.id).executeTakeFirstOrThrow();
    expect(invite).toMatchObject({ survey_kind: 'csat', account_id: who.accountId, contact_id: who.contactId });
    const mail = await t.db.selectFrom('messages').select(['subject', 'body_text']).where('touch_id', '=', invite.touch_id).executeTakeFirstOrThrow();
    expect(mail.subject).toBe('How did we do with "Leaking valve"?');
    expect(mail.body_text).toContain('How satisfied are you with how we handled your request?');
  });
});
