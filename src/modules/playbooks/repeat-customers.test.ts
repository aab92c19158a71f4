import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainPlaybookEvents } from '../../../tests/helpers/playbook-events.ts';
import { startSmtpReceiver, type SmtpReceiver } from '../../../tests/helpers/smtp-receiver.ts';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { pinClock } from '../../platform/clock.ts';
import { createMailTransport, type MailTransport, sendDueMessages } from '../messages/index.ts';

// Regression tests for issue 10, defects 2, 5 and 7: who owns an account, a customer who buys again,
// and whom a customer's reply reaches.
let t: TestApp;
let smtp: SmtpReceiver;
let transport: MailTransport;
const links = { publicUrl: 'http://app.test', secret: 'test-secret-for-links' };

beforeAll(async () => {
  pinClock('2026-04-06T08:00:00Z'); // a Monday
  t = await startTestApp();
  smtp = await startSmtpReceiver();
  transport = createMailTransport({ smtpUrl: smtp.url, outboxDir: '/nonexistent' });
});
afterAll(async () => {
  pinClock(null);
  transport.close();
  await smtp.close();
  await t.close();
});

async function winDeal(accountId: string, title: string) {
  const deal = (await t.as('sales')('POST', '/api/v1/deals', { account_id: accountId, title, value: 1000 })).json();
  expect((await t.as('sales')('POST', `/api/v1/deals/${deal.id}/win`)).statusCode).toBe(200);
  await drainPlaybookEvents(t.db, links);
}

describe('owners, repeat purchases and replies', () => {
  it('an account created by a person belongs to them; a won deal gives an unowned account its owner and a service owner', async () => {
    const mine = (await t.as('sales')('POST', '/api/v1/accounts', { name: 'Mine Mills' })).json();
    expect(mine.owner_id).toBe(t.userIds.sales);
    const unowned = (await t.as('manager')('POST', '/api/v1/accounts', { name: 'Nobody Nails', owner_id: null })).json();
    expect(unowned).toMatchObject({ owner_id: null, service_owner_id: null });
    await winDeal(unowned.id, 'Nails for a year');
    const account = await t.db.selectFrom('accounts').select(['owner_id', 'service_owner_id', 'lifecycle']).where('id', '=', unowned.id).executeTakeFirstOrThrow();
    expect(account).toEqual({ owner_id: t.userIds.sales, service_owner_id: t.userIds.service, lifecycle: 'customer' });
    const card = await t.db.selectFrom('touches').select('assignee_id').where('account_id', '=', unowned.id).where('step_key', '=', 'thank_you_card').executeTakeFirstOrThrow();
    expect(card.assignee_id).toBe(t.userIds.sales);
  });

  it('a second won deal thanks the customer for buying again: no second welcome, one check-in cadence', async () => {
    const account = (await t.as('sales')('POST', '/api/v1/accounts', { name: 'Twice Tools' })).json();
    await t.as('sales')('POST', '/api/v1/contacts', { account_id: account.id, name: 'Tess Twice', email: 'tess@twice.example' });
    await winDeal(account.id, 'First drills');
    await winDeal(account.id, 'More drills');
    const messages = await t.db.selectFrom('messages').select('subject').where('account_id', '=', account.id).orderBy('subject').execute();
    expect(messages.map((m) => m.subject)).toEqual(['Thank you for your new order, Twice Tools', 'Welcome to us, Twice Tools']);
    const checkIns = await t.db.selectFrom('touches').select('id').where('account_id', '=', account.id).where('step_key', 'like', 'check_in%').execute();
    expect(checkIns).toHaveLength(1);
  });

  it('a customer email names its owner as Reply-To, and the welcome is signed by them', async () => {
    await sendDueMessages(t.db, { transport, from: 'Afterclose <no-reply@app.test>', leaseSeconds: 60 });
    const welcome = smtp.received.find((m) => m.headers.includes('Subject: Welcome to us, Twice Tools'));
    expect(welcome?.headers).toMatch(/^Reply-To: Sam Sales <sales@test\.example>$/m);
    expect(welcome?.raw).toContain('Sam Sales');
    expect(welcome?.raw).not.toContain('your account manager');
  });
});
