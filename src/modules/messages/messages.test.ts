import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainPlaybookEvents } from '../../../tests/helpers/playbook-events.ts';
import { type SmtpReceiver, startSmtpReceiver } from '../../../tests/helpers/smtp-receiver.ts';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { addDays, now, pinClock } from '../../platform/clock.ts';
import { appSecret } from '../customer-links/index.ts';
import { sendDueMessages } from './send-messages.ts';
import { createMailTransport, type MailTransport } from './transport.ts';

let t: TestApp;
let smtp: SmtpReceiver;
// One pooled SMTP transport for the file, closed before the receiver so no idle connection holds it open.
let smtpTransport: MailTransport;
let accountId: string;
const outboxDir = mkdtempSync(join(tmpdir(), 'afterclose-outbox-'));

beforeAll(async () => {
  pinClock('2026-10-05T08:00:00Z');
  t = await startTestApp();
  smtp = await startSmtpReceiver();
  smtpTransport = createMailTransport({ smtpUrl: smtp.url, outboxDir });
  const api = t.as('sales');
  accountId = (await api('POST', '/api/v1/accounts', { name: 'Mailer Ltd', owner_id: t.userIds.sales })).json().id;
  await api('POST', '/api/v1/contacts', { account_id: accountId, name: 'Pat Mailer', email: 'pat@mailer.example', newsletter_consent: true });
  await api('POST', '/api/v1/orders', { account_id: accountId, lines: [{ description: 'Paper', quantity: 1, unit_price: 10 }] });
  await drainPlaybookEvents(t.db, { publicUrl: 'http://app.test', secret: await appSecret(t.db) });
});
afterAll(async () => {
  pinClock(null);
  smtpTransport.close();
  await smtp.close();
  await t.close();
  rmSync(outboxDir, { recursive: true, force: true });
});

const send = (transport = smtpTransport) =>
  sendDueMessages(t.db, { transport, from: 'Afterclose <team@afterclose.test>', leaseSeconds: 60 });

describe('email outbox', () => {
  it('sends the due welcome email over SMTP with a one-click unsubscribe header and marks its touch done', async () => {
    smtp.rejectNext = 1;
    expect(await send()).toBe(1);
    const retried = await t.db.selectFrom('messages').selectAll().where('account_id', '=', accountId).where('subject', 'like', 'Welcome%').executeTakeFirstOrThrow();
    expect(retried).toMatchObject({ status: 'queued', attempts: 1 });
    expect(retried.error).toContain('Mailbox temporarily unavailable');
    expect(await send()).toBe(0);
    pinClock(addDays(now(), 0.01));
    expect(await send()).toBe(1);
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual(['pat@mailer.example']);
    expect(mail.headers).toMatch(/^List-Unsubscribe: <http:\/\/app\.test\/u\/[^>]+>/m);
    expect(mail.headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
    expect(mail.messageId).toBe(`<${retried.id}@afterclose>`);
    const touch = await t.db.selectFrom('touches').select(['status', 'outcome']).where('id', '=', retried.touch_id!).executeTakeFirstOrThrow();
    expect(touch).toMatchObject({ status: 'done', outcome: 'Email sent' });
  });

  it('one click on the unsubscribe link stops every further email to that contact', async () => {
    const url = smtp.received[0]!.headers.match(/^List-Unsubscribe: <([^>]+)>/m)![1]!;
    const path = new URL(url).pathname;
    const page = await t.app.inject({ method: 'GET', url: path });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Stop all emails to pat@mailer.example?');
    const done = await t.app.inject({ method: 'POST', url: path, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('will not receive further emails');
    const forged = await t.app.inject({ method: 'GET', url: `${path.slice(0, -3)}xyz` });
    expect(forged.statusCode).toBe(404);
    pinClock(addDays(now(), 2));
    expect(await send()).toBe(1);
    const newsletter = await t.db.selectFrom('messages').selectAll().where('subject', 'like', 'Your subscription%').executeTakeFirstOrThrow();
    expect(newsletter).toMatchObject({ status: 'suppressed', error: 'The contact has unsubscribed' });
    expect(smtp.received).toHaveLength(1);
  });

  it('without SMTP_URL writes .eml files to the outbox folder, listed by the API', async () => {
    const other = (await t.as('sales')('POST', '/api/v1/accounts', { name: 'Outbox Oy', owner_id: t.userIds.sales })).json();
    await t.as('sales')('POST', '/api/v1/contacts', { account_id: other.id, name: 'Olli', email: 'olli@outbox.example' });
    await t.as('sales')('POST', '/api/v1/orders', { account_id: other.id, lines: [{ description: 'Ink', quantity: 1, unit_price: 5 }] });
    await drainPlaybookEvents(t.db, { publicUrl: 'http://app.test', secret: await appSecret(t.db) });
    expect(await send(createMailTransport({ outboxDir }))).toBe(1);
    const files = readdirSync(outboxDir);
    expect(files).toHaveLength(1);
    expect(readFileSync(join(outboxDir, files[0]!), 'utf8')).toContain('Subject: Welcome to us, Outbox Oy');
    const listed = (await t.as('manager')('GET', `/api/v1/messages?account_id=${other.id}`)).json();
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({ status: 'sent', to_email: 'olli@outbox.example' });
  });

  it('gives up after the last attempt and shows the error', async () => {
    await t.db
      .insertInto('messages')
      .values({ idempotency_key: 'test:give-up', account_id: null, to_email: 'nobody@mailer.example', subject: 'Doomed', body_text: 'x', send_after: now() })
      .execute();
    smtp.rejectNext = 2;
    const transport = createMailTransport({ smtpUrl: smtp.url, outboxDir });
    const options = { transport, from: 'team@afterclose.test', leaseSeconds: 60, maxAttempts: 2 };
    expect(await sendDueMessages(t.db, options)).toBe(1);
    pinClock(addDays(now(), 1));
    expect(await sendDueMessages(t.db, options)).toBe(1);
    transport.close();
    const doomed = await t.db.selectFrom('messages').selectAll().where('idempotency_key', '=', 'test:give-up').executeTakeFirstOrThrow();
    expect(doomed).toMatchObject({ status: 'failed', attempts: 2 });
    expect(doomed.error).toContain('Mailbox temporarily unavailable');
    const listed = (await t.as('manager')('GET', '/api/v1/messages?status=failed')).json();
    expect(listed.items.map((m: { subject: string }) => m.subject)).toEqual(['Doomed']);
  });
});
