import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { addDays, now, pinClock } from '../../platform/clock.ts';
import { appSecret } from '../customer-links/index.ts';
import { signToken } from '../customer-links/index.ts';

let t: TestApp;
let accountId: string;
let contactId: string;
beforeAll(async () => {
  pinClock('2026-05-04T10:00:00Z'); // a Monday
  t = await startTestApp();
  accountId = (await t.as('sales')('POST', '/api/v1/accounts', { name: 'Survey Sprockets', owner_id: t.userIds.sales, service_owner_id: t.userIds.service })).json().id;
  contactId = (await t.as('sales')('POST', '/api/v1/contacts', { account_id: accountId, name: 'Paula Buyer', email: 'paula@sprockets.example' })).json().id;
});
afterAll(async () => {
  pinClock(null);
  await t.close();
});

/** Sends a survey through the API and returns the token from the email in the outbox. */
async function inviteAndReadToken(app: TestApp, account: string, contact: string, kind: 'nps' | 'csat' = 'nps') {
  const res = await app.as('service')('POST', '/api/v1/surveys/invites', { account_id: account, contact_id: contact, kind });
  expect(res.statusCode).toBe(201);
  const message = await app.db.selectFrom('messages').select('body_text').where('touch_id', '=', res.json().touch.id).executeTakeFirstOrThrow();
  const token = message.body_text.match(/\/s\/(\S+)/)?.[1];
  if (!token) throw new Error('no survey link in the email');
  return token;
}

const page = (method: 'GET' | 'POST', token: string, form?: string) =>
  t.app.inject({ method, url: `/s/${token}`, ...(form === undefined ? {} : { payload: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } }) });
const stored = async () => ({
  responses: (await t.db.selectFrom('survey_responses').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
  events: (await t.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).where('type', 'in', ['survey.answered', 'csat.answered']).executeTakeFirstOrThrow()).n,
});

describe('survey links', () => {
  it('records one answer per invite; a second submit is told it already answered', async () => {
    const token = await inviteAndReadToken(t, accountId, contactId);
    const invite = await t.db.selectFrom('survey_invites').selectAll().executeTakeFirstOrThrow();
    expect(invite.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(invite.token_hash).not.toContain(token);
    const form = await page('GET', token);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('How likely are you to recommend us');
    expect(form.body).not.toContain('<script');
    const answered = await page('POST', token, 'score=8&comment=Quick+delivery');
    expect(answered.body).toContain('Thank you for your answer');
    const again = await page('POST', token, 'score=0&comment=Changed+my+mind');
    expect(again.body).toContain('You have already answered');
    expect((await page('GET', token)).body).toContain('You have already answered');
    const rows = await t.db.selectFrom('survey_responses').selectAll().execute();
    expect(rows.map((r) => [r.score, r.comment])).toEqual([[8, 'Quick delivery']]);
    const event = await t.db.selectFrom('events').select(['type', 'payload']).where('type', '=', 'survey.answered').executeTakeFirstOrThrow();
    expect(event.payload).toMatchObject({ score: 8, comment: 'Quick delivery', kind: 'nps' });
    const touch = await t.db.selectFrom('touches').select('outcome').where('id', '=', invite.touch_id).executeTakeFirstOrThrow();
    expect(touch.outcome).toBe('Answered 8 of 10: Quick delivery');
  });

  it('a forged, unknown or expired link gets a clear page and stores nothing', async () => {
    const token = await inviteAndReadToken(t, accountId, contactId);
    const before = await stored();
    const forged = `${token.split('.')[0]}.${'A'.repeat(43)}`;
    const secret = await appSecret(t.db);
    const unknown = signToken(secret, { purpose: 'survey', subject: `${accountId}.${randomUUID()}`, expiresAt: addDays(now(), 5).getTime() });
    const wrongPurpose = signToken(secret, { purpose: 'unsubscribe', subject: contactId, expiresAt: addDays(now(), 5).getTime() });
    for (const bad of [forged, unknown, wrongPurpose, 'not-a-token-at-all']) {
      const res = await page('POST', bad, 'score=2');
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain('This link is not valid');
    }
    pinClock(addDays(now(), 31));
    const late = await page('POST', token, 'score=2');
    expect(late.statusCode).toBe(410);
    expect(late.body).toContain('This link has expired');
    expect((await page('GET', token)).statusCode).toBe(410);
    expect(await stored()).toEqual(before);
    pinClock('2026-05-04T10:00:00Z');
  });

  it('asks again, storing nothing, when the score is missing or out of range', async () => {
    const token = await inviteAndReadToken(t, accountId, contactId, 'csat');
    const before = await stored();
    const missing = await page('POST', token, 'comment=Forgot+the+score');
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toMatch(/role="alert"[^>]*>Please choose a score/);
    const tooHigh = await page('POST', token, 'score=9');
    expect(tooHigh.body).toContain('Please choose a score from 1 to 5');
    expect(await stored()).toEqual(before);
    expect((await page('POST', token, 'score=5')).body).toContain('Thank you');
    const csat = await t.db.selectFrom('events').select('type').where('type', '=', 'csat.answered').execute();
    expect(csat).toHaveLength(1);
  });

  it('refuses to survey an unsubscribed contact or one of another account', async () => {
    const gone = (await t.as('sales')('POST', '/api/v1/contacts', { account_id: accountId, name: 'Gone Gus', email: 'gus@sprockets.example' })).json();
    await t.db.updateTable('contacts').set({ unsubscribed_at: now() }).where('id', '=', gone.id).execute();
    const res = await t.as('service')('POST', '/api/v1/surveys/invites', { account_id: accountId, contact_id: gone.id });
    expect(res.json().error).toMatchObject({ code: 'unprocessable', field: 'contact_id' });
    const other = (await t.as('sales')('POST', '/api/v1/accounts', { name: 'Elsewhere' })).json();
    expect((await t.as('service')('POST', '/api/v1/surveys/invites', { account_id: other.id, contact_id: contactId })).statusCode).toBe(422);
  });

  it('reports NPS by month, the response rate and the verbatims', async () => {
    const report = (await t.as('manager')('GET', `/api/v1/surveys/report?kind=nps&account_id=${accountId}`)).json();
    expect(report.summary).toMatchObject({ responses: 1, passives: 1, score: 0, invites: 2, response_rate: 0.5 });
    expect(report.months).toEqual([expect.objectContaining({ month: '2026-05', responses: 1, average: 8, score: 0 })]);
    const verbatims = (await t.as('manager')('GET', '/api/v1/surveys/verbatims?kind=nps')).json();
    expect(verbatims.items).toEqual([expect.objectContaining({ account_name: 'Survey Sprockets', score: 8, comment: 'Quick delivery' })]);
  });
});
