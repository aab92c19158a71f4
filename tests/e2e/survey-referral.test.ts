import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSecret } from '../../src/modules/customer-links/index.ts';
import type { MailLinks } from '../../src/platform/links.ts';
import { sendDueMessages } from '../../src/modules/messages/index.ts';
import { createMailTransport, type MailTransport } from '../../src/modules/messages/index.ts';
import { sendDueReferralAsks } from '../../src/modules/referrals/index.ts';
import { expectAccessible, launchChromium, serveOnLoopback } from '../helpers/browser.ts';
import { drainPlaybookEvents } from '../helpers/playbook-events.ts';
import { type SmtpReceiver, startSmtpReceiver } from '../helpers/smtp-receiver.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import { testPassword, testUsers } from '../helpers/test-users.ts';

let t: TestApp;
let browser: Browser;
let smtp: SmtpReceiver;
let transport: MailTransport;
let baseUrl: string;
let links: MailLinks;
let accountId: string;
const outboxDir = mkdtempSync(join(tmpdir(), 'afterclose-e2e-outbox-'));

beforeAll(async () => {
  t = await startTestApp();
  smtp = await startSmtpReceiver();
  transport = createMailTransport({ smtpUrl: smtp.url, outboxDir });
  baseUrl = await serveOnLoopback(t.app);
  links = { publicUrl: baseUrl, secret: await appSecret(t.db) };
  const api = t.as('sales');
  accountId = (await api('POST', '/api/v1/accounts', { name: 'Harbor Hotels', owner_id: t.userIds.sales, service_owner_id: t.userIds.service, lifecycle: 'customer' })).json().id;
  await api('POST', '/api/v1/contacts', { account_id: accountId, name: 'Hana Host', email: 'hana@hotels.example' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  transport?.close();
  await smtp?.close();
  await t.close();
  rmSync(outboxDir, { recursive: true, force: true });
});

/** Sends what is due through the real SMTP receiver and returns the path of the link in the newest mail. */
async function mailedLinkPath(kind: 's' | 'r'): Promise<string> {
  await sendDueMessages(t.db, { transport, from: 'Afterclose <team@afterclose.test>', leaseSeconds: 60 });
  const raw = smtp.received[smtp.received.length - 1]?.raw ?? '';
  // Long lines travel quoted-printable: undo the soft line breaks and =XX escapes.
  const text = raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  const url = text.match(new RegExp(`https?://[^\\s/]+/${kind}/[A-Za-z0-9_.-]+`))?.[0];
  if (!url) throw new Error(`no /${kind}/ link in the mail`);
  return new URL(url).pathname;
}


describe('survey and referral from the customer’s mailbox', () => {
  it('answers an NPS survey from the emailed link, then recommends two people from the referral email', async () => {
    const contact = await t.db.selectFrom('contacts').select('id').where('account_id', '=', accountId).executeTakeFirstOrThrow();
    expect((await t.as('service')('POST', '/api/v1/surveys/invites', { account_id: accountId, contact_id: contact.id, kind: 'nps' })).statusCode).toBe(201);
    const surveyPath = await mailedLinkPath('s');
    expect(smtp.received.at(-1)?.to).toEqual(['hana@hotels.example']);

    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}${surveyPath}`);
    await page.getByRole('heading', { level: 1, name: 'A quick question' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('radio', { name: '9', exact: true }).check();
    await page.getByLabel('What is the main reason for your score?').fill('Friendly staff, fast help');
    await page.getByRole('button', { name: 'Send my answer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thank you for your answer' }).waitFor();
    await expectAccessible(page);
    await page.goto(`${baseUrl}${surveyPath}`);
    await page.getByRole('heading', { level: 1, name: 'You have already answered' }).waitFor();

    await drainPlaybookEvents(t.db, links);
    expect(await sendDueReferralAsks(t.db, links)).toBe(1);
    const referralPath = await mailedLinkPath('r');
    await page.goto(`${baseUrl}${referralPath}`);
    await page.getByRole('heading', { level: 1, name: 'Is there anyone else who would benefit?' }).waitFor();
    await expectAccessible(page);
    await page.locator('#name_1').fill('Ben Booker');
    await page.locator('#email_1').fill('ben@inns.example');
    await page.locator('#company_1').fill('Seaside Inns');
    await page.locator('#name_2').fill('Cleo Concierge');
    await page.locator('#email_2').fill('cleo@example.com');
    await page.locator('#note_2').fill('Opens a guesthouse in spring');
    await page.getByRole('button', { name: 'Send my recommendations' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thank you for your recommendations' }).waitFor();
    await expectAccessible(page);
    await context.close();

    const referrals = await t.db.selectFrom('referrals').select(['account_id', 'name', 'status']).orderBy('name').execute();
    expect(referrals).toEqual([
      { account_id: accountId, name: 'Ben Booker', status: 'new' },
      { account_id: accountId, name: 'Cleo Concierge', status: 'new' },
    ]);
  }, 30_000);

  it('shows the results to the team: referrals, surveys, service and the account’s goals', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    // A missing element then fails naming its locator, well before the test's own timeout.
    page.setDefaultTimeout(5000);
    await page.goto(`${baseUrl}/referrals`);
    await page.getByLabel('Email').fill(testUsers.manager.email);
    await page.getByLabel('Password').fill(testPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Referrals' }).click();
    await page.getByRole('heading', { level: 1, name: 'Referrals' }).waitFor();
    await page.getByTestId('leaderboard').getByRole('link', { name: 'Harbor Hotels' }).waitFor();
    // The leaderboard and the referral list load separately: wait for the rows, do not count them once.
    await expect.poll(() => page.getByTestId('referral-row').count()).toBe(2);
    await expectAccessible(page);

    await nav.getByRole('link', { name: 'Surveys' }).click();
    await page.getByRole('heading', { level: 1, name: 'Surveys' }).waitFor();
    await expect.poll(() => page.getByTestId('survey-score').innerText()).toBe('100');
    await page.getByTestId('verbatims').getByText('Friendly staff, fast help').waitFor();
    await expectAccessible(page);

    await page.goto(`${baseUrl}/accounts/${accountId}`);
    await page.getByRole('heading', { level: 1, name: 'Harbor Hotels' }).waitFor();
    await page.getByText('Record a goal').click();
    await page.getByLabel('Goal or vision').fill('Fully booked every summer weekend');
    await page.getByRole('button', { name: 'Save goal' }).click();
    await page.getByTestId('goal-list').getByText('Fully booked every summer weekend').waitFor();
    await page.getByText('Report an issue').click();
    await page.getByLabel('What is wrong?').fill('Booking screen freezes');
    await page.getByLabel('Severity').selectOption('high');
    await page.getByRole('button', { name: 'Send to service' }).click();
    await page.getByTestId('account-issues').getByRole('link', { name: 'Booking screen freezes' }).waitFor();
    await expectAccessible(page);

    await page.getByTestId('account-issues').getByRole('link', { name: 'Booking screen freezes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Booking screen freezes' }).waitFor();
    await page.getByLabel('What was said').fill('Cleared their cache together, works again');
    await page.getByRole('button', { name: 'Save reply' }).click();
    await page.getByTestId('issue-replies').getByText('Cleared their cache together').waitFor();
    await page.getByRole('button', { name: 'Resolve' }).click();
    await page.getByRole('button', { name: 'Reopen' }).waitFor();
    await expectAccessible(page);
    await nav.getByRole('link', { name: 'Service' }).click();
    await page.getByRole('heading', { level: 1, name: 'Service' }).waitFor();
    await expect.poll(() => page.getByTestId('fcr-rate').innerText()).toBe('100 %');
    await expectAccessible(page);
    await context.close();
  }, 30_000);
});
