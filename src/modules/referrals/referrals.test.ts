import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainPlaybookEvents, eventHorizonWaitMs } from '../../../tests/helpers/playbook-events.ts';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { addDays, now, pinClock } from '../../platform/clock.ts';
import { appSecret } from '../customer-links/index.ts';
import { pendingEvents } from '../../platform/event-cursor.ts';
import { referralOutcomeTicker, syncReferralOutcomes } from './referral-outcomes.ts';

let t: TestApp;
let referrerId: string;
let formPath: string;
beforeAll(async () => {
  pinClock('2026-06-01T10:00:00Z'); // a Monday
  t = await startTestApp();
  const api = t.as('sales');
  referrerId = (await api('POST', '/api/v1/accounts', { name: 'Loyal Looms', owner_id: t.userIds.sales, lifecycle: 'customer' })).json().id;
  const contact = (await api('POST', '/api/v1/contacts', { account_id: referrerId, name: 'Rita Referrer', email: 'rita@looms.example' })).json();
  const ask = await api('POST', '/api/v1/referrals/ask', { account_id: referrerId, contact_id: contact.id });
  expect(ask.statusCode).toBe(201);
  const mail = await t.db.selectFrom('messages').select('body_text').where('touch_id', '=', ask.json().id).executeTakeFirstOrThrow();
  formPath = mail.body_text.match(/\/r\/\S+/)?.[0] ?? '';
});
afterAll(async () => {
  pinClock(null);
  await t.close();
});

const post = (path: string, form: Record<string, string>) =>
  t.app.inject({ method: 'POST', url: path, payload: new URLSearchParams(form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
const counts = async () => ({
  referrals: (await t.db.selectFrom('referrals').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
  accounts: (await t.db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
});

/** Runs the worker's referral ticker until it has read every event (another transaction may hold one back briefly). */
async function followReferralOutcomes(): Promise<void> {
  const ctx = { db: t.db, links: { publicUrl: 'http://app.test', secret: 'x' } };
  let until = Date.now() + eventHorizonWaitMs;
  while (Date.now() < until && (await pendingEvents(t.db, 'referrals')) > 0) {
    if ((await referralOutcomeTicker.run(ctx)) > 0) until = Date.now() + eventHorizonWaitMs;
    else await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('referrals from the public form', () => {
  it('refuses a bad form, a forged and an expired link, storing nothing', async () => {
    const before = await counts();
    expect((await t.app.inject({ method: 'GET', url: formPath })).body).toContain('Is there anyone else who would benefit?');
    const bad = await post(formPath, { name_1: 'Ben', email_1: 'not-an-email' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/role="alert">Person 1: Please check the email address/);
    expect(bad.body).toContain('value="Ben"');
    expect((await post(formPath, {})).body).toContain('Please tell us about at least one person');
    // The same person twice is one person: refused before two prospects and two calls exist.
    const twice = await post(formPath, { name_1: 'Ben', email_1: 'ben@example.com', name_2: 'Benjamin', email_2: 'BEN@example.com' });
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toMatch(/role="alert">Person 2: this email is already given for someone above/);
    const overApi = await t.as('sales')('POST', '/api/v1/referrals', {
      account_id: referrerId,
      people: [{ name: 'Ben', email: 'ben@example.com' }, { name: 'Benjamin', email: 'Ben@Example.com' }],
    });
    expect(overApi.statusCode).toBe(400);
    expect(overApi.json().error.field).toBe('people.1.email');
    const forged = `${formPath.slice(0, -4)}AAAA`;
    expect((await post(forged, { name_1: 'Ben', email_1: 'ben@example.com' })).statusCode).toBe(404);
    pinClock(addDays(now(), 61));
    expect((await post(formPath, { name_1: 'Ben', email_1: 'ben@example.com' })).statusCode).toBe(410);
    pinClock('2026-06-01T10:00:00Z');
    expect(await counts()).toEqual(before);
  });

  it('turns each recommended person into a prospect with a deal owned by the referrer’s salesperson, once', async () => {
    const sent = await post(formPath, {
      name_1: 'Ben Buyer', email_1: 'ben@weavers.example', company_1: 'Weavers Ltd', note_1: 'Needs new looms in autumn',
      name_2: 'Cleo Cotton', email_2: 'cleo@example.com', company_2: '', note_2: '',
      name_3: '', email_3: '', company_3: '', note_3: '',
    });
    expect(sent.body).toContain('Thank you for your recommendations');
    expect((await post(formPath, { name_1: 'Dan', email_1: 'dan@example.com' })).body).toContain('we already have your recommendations');
    const list = (await t.as('sales')('GET', `/api/v1/referrals?account_id=${referrerId}`)).json().items;
    expect(list.map((r: { name: string }) => r.name).sort()).toEqual(['Ben Buyer', 'Cleo Cotton']);
    const ben = list.find((r: { name: string }) => r.name === 'Ben Buyer');
    expect(ben).toMatchObject({ status: 'new', referrer_name: 'Loyal Looms', referred_account_name: 'Weavers Ltd', deal_status: 'open', owner_name: 'Sam Sales' });
    const firstCall = await t.db.selectFrom('touches').selectAll().where('deal_id', '=', ben.deal_id).executeTakeFirstOrThrow();
    expect(firstCall).toMatchObject({ kind: 'call', assignee_id: t.userIds.sales, notes: 'Needs new looms in autumn' });
    expect(firstCall.due_at?.toISOString()).toBe('2026-06-02T09:00:00.000Z');
    await drainPlaybookEvents(t.db, { publicUrl: 'http://app.test', secret: await appSecret(t.db) });
    const thanks = await t.db.selectFrom('touches').select(['subject', 'assignee_id']).where('account_id', '=', referrerId).where('step_key', '=', 'thank_referrer').execute();
    expect(thanks).toEqual([{ subject: 'Thank Loyal Looms for recommending Ben Buyer, Cleo Cotton', assignee_id: t.userIds.sales }]);
  });

  it('attributes won revenue to the referrer and plans one thank-you task; tracks contacted and lost', async () => {
    const items = (await t.as('sales')('GET', `/api/v1/referrals?account_id=${referrerId}`)).json().items;
    const ben = items.find((r: { name: string }) => r.name === 'Ben Buyer');
    const cleo = items.find((r: { name: string }) => r.name === 'Cleo Cotton');
    await t.as('sales')('POST', '/api/v1/touches/log', { account_id: cleo.referred_account_id, kind: 'call', subject: 'Intro call' });
    await syncReferralOutcomes(t.db);
    expect((await t.as('sales')('GET', `/api/v1/referrals?status=contacted`)).json().items.map((r: { id: string }) => r.id)).toEqual([cleo.id]);

    await t.as('sales')('PATCH', `/api/v1/deals/${ben.deal_id}`, { value: 5000 });
    await t.as('sales')('POST', `/api/v1/deals/${ben.deal_id}/win`);
    await t.as('sales')('POST', `/api/v1/deals/${cleo.deal_id}/lose`, { reason: 'No budget' });
    // The worker's next tick follows the deal events; the hourly scan is not needed.
    await followReferralOutcomes();
    await followReferralOutcomes();
    const after = (await t.as('sales')('GET', `/api/v1/referrals?account_id=${referrerId}`)).json().items;
    expect(after.find((r: { id: string }) => r.id === ben.id)).toMatchObject({ status: 'won', attributed_revenue: 5000 });
    expect(after.find((r: { id: string }) => r.id === cleo.id)).toMatchObject({ status: 'lost', attributed_revenue: 0 });
    const thankTasks = await t.db.selectFrom('touches').select(['subject', 'assignee_id']).where('account_id', '=', referrerId).where('kind', '=', 'task').execute();
    expect(thankTasks).toEqual([{ subject: 'Thank Loyal Looms: Ben Buyer, whom they recommended, became a customer', assignee_id: t.userIds.sales }]);

    const stats = (await t.as('manager')('GET', '/api/v1/referrals/stats')).json();
    expect(stats.totals).toMatchObject({ referrals: 2, won: 1, lost: 1, open: 0, revenue: 5000, referrers: 1, conversion_rate: 0.5 });
    expect(stats.leaderboard).toEqual([{ account_id: referrerId, account_name: 'Loyal Looms', referrals: 2, won: 1, revenue: 5000 }]);
  });
});
