import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueEmail } from '../../src/modules/messages/index.ts';
import { now } from '../../src/platform/clock.ts';
import type { Role } from '../../src/platform/db-schema.ts';
import { expectAccessible, launchChromium, mainNavLink, serveOnLoopback, signIn } from '../helpers/browser.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let browser: Browser;
let baseUrl: string;
let dealId: string;
let meetingId: string;

beforeAll(async () => {
  t = await startTestApp();
  const api = t.as('sales');
  const account = (await api('POST', '/api/v1/accounts', { name: 'Harbor Supplies', owner_id: t.userIds.sales, lifecycle: 'customer' })).json();
  const contact = (await api('POST', '/api/v1/contacts', { account_id: account.id, name: 'Nina Buyer', phone: '+49 30 123456', email: 'nina@harbor.example' })).json();
  dealId = (await api('POST', '/api/v1/deals', { account_id: account.id, title: 'Fleet renewal', value: 9600, stage: 'proposal' })).json().id;
  // Due now: inside today (UTC, the test users' zone) for the whole test.
  const dueNow = now().toISOString();
  const meeting = await api('POST', '/api/v1/touches', {
    account_id: account.id, kind: 'meeting', subject: 'Renewal meeting with Nina', deal_id: dealId, contact_id: contact.id, due_at: dueNow,
  });
  meetingId = meeting.json().id;
  await api('POST', '/api/v1/touches', { account_id: account.id, kind: 'call', subject: 'Call about the invoice', due_at: dueNow });
  await api('POST', '/api/v1/touches', { account_id: account.id, kind: 'email', subject: 'Send the new catalogue', due_at: dueNow });
  await api('POST', '/api/v1/accounts', { name: 'Dormant Dairy', owner_id: t.userIds.sales, lifecycle: 'customer' });
  await t.db.transaction().execute((trx) =>
    queueEmail(trx, {
      idempotencyKey: 'e2e:welcome', accountId: account.id, to: 'nina@harbor.example', subject: 'Welcome to us, Harbor Supplies',
      body: 'Dear Nina,\n\nthank you for choosing us.', sendAfter: now(),
    }, { publicUrl: 'http://app.test', secret: 'test-secret-for-links' }),
  );
  baseUrl = await serveOnLoopback(t.app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t.close();
});


const signInAs = (role: Role) => signIn(browser, baseUrl, role);

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');
const focusedAction = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-action') ?? '');

describe('My day in the web app', () => {
  it('completes a plain call, insists on a next step for a deal meeting, and snoozes', async () => {
    const page = await signInAs('sales');
    expect(await mainNavLink(page, 'Attention').count()).toBe(0);
    await mainNavLink(page, 'My day').click();
    await page.getByRole('heading', { level: 1, name: 'My day' }).waitFor();
    const today = page.getByTestId('group-today');
    const row = (subject: string) => page.getByTestId('touch-row').filter({ hasText: subject });
    await row('Renewal meeting with Nina').waitFor();
    expect(await row('Renewal meeting with Nina').innerText()).toMatch(/Fleet renewal[\s\S]*Nina Buyer[\s\S]*\+49 30 123456/);
    expect(await today.getByRole('heading', { level: 2 }).innerText()).toMatch(/Today\s*3/);
    await expectAccessible(page);

    const call = row('Call about the invoice');
    await call.getByRole('button', { name: 'Done' }).click();
    await call.getByLabel('Outcome').fill('They pay next week');
    await call.getByRole('button', { name: 'Mark done' }).click();
    await expect.poll(() => call.count()).toBe(0);
    // Focus stays in the list, on a neighbouring touch's first action.
    await expect.poll(() => focusedAction(page)).toBe('done');

    const meeting = row('Renewal meeting with Nina');
    await meeting.getByRole('button', { name: 'Done' }).click();
    await meeting.getByLabel('Outcome').fill('They liked the proposal');
    await meeting.getByRole('button', { name: 'Mark done' }).click();
    // Said in words before anything is sent, not as the API's list of required fields.
    await meeting.getByRole('alert').filter({ hasText: 'Choose what kind of next step it is.' }).waitFor();
    await expect.poll(() => focusedId(page)).toMatch(/-next-kind$/);
    await expectAccessible(page);
    await meeting.getByLabel('Kind').selectOption('call');
    await meeting.getByLabel('Subject (optional)').fill('Follow-up on the proposal');
    await meeting.getByRole('button', { name: 'Mark done' }).click();
    await expect.poll(() => meeting.count()).toBe(0);
    await page.getByTestId('group-upcoming').getByText('Follow-up on the proposal').waitFor();

    const done = await t.db.selectFrom('touches').select(['status', 'outcome']).where('id', '=', meetingId).executeTakeFirstOrThrow();
    expect(done).toEqual({ status: 'done', outcome: 'They liked the proposal' });
    const next = await t.db.selectFrom('touches').select(['kind', 'subject', 'assignee_id']).where('deal_id', '=', dealId).where('status', '=', 'planned').execute();
    expect(next).toEqual([{ kind: 'call', subject: 'Follow-up on the proposal', assignee_id: t.userIds.sales }]);

    const email = row('Send the new catalogue');
    // Keyboard: Enter opens a panel on its first field, Escape closes it back onto its button.
    await email.getByRole('button', { name: 'Skip' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedId(page)).toMatch(/-skip-reason$/);
    await page.keyboard.press('Escape');
    await expect.poll(() => focusedAction(page)).toBe('skip');
    await email.getByRole('button', { name: 'Snooze' }).click();
    await email.getByRole('button', { name: '3 days' }).click();
    await page.getByTestId('group-upcoming').getByText('Send the new catalogue').waitFor();
    expect(await today.getByTestId('touch-row').count()).toBe(0);

    await page.getByLabel('Daily digest email').check();
    await expect
      .poll(async () => (await t.db.selectFrom('users').select('digest_enabled').where('id', '=', t.userIds.sales).executeTakeFirstOrThrow()).digest_enabled)
      .toBe(true);
    await expectAccessible(page);

    await mainNavLink(page, 'Playbooks').click();
    await page.getByRole('heading', { level: 1, name: 'Playbooks' }).waitFor();
    const welcome = page.getByTestId('playbook-row').filter({ hasText: 'Welcome a new customer' });
    expect(await welcome.getByRole('button', { name: 'Disable' }).isDisabled()).toBe(true);
    await expectAccessible(page);
    await page.context().close();
  }, 60_000);

  it('shows attention gaps, playbooks and the outbox to a manager', async () => {
    const page = await signInAs('manager');
    await mainNavLink(page, 'Attention').click();
    await page.getByRole('heading', { level: 1, name: 'Attention gaps' }).waitFor();
    const dormant = page.getByTestId('attention-row').filter({ hasText: 'Dormant Dairy' });
    await dormant.waitFor();
    expect(await dormant.innerText()).toMatch(/No touch in 60 days[\s\S]*No next touch planned/);
    expect(await page.getByTestId('attention-row').filter({ hasText: 'Harbor Supplies' }).count()).toBe(0);
    await expectAccessible(page);
    await dormant.getByRole('button', { name: /Snooze/ }).click();
    await expect.poll(() => dormant.count()).toBe(0);

    await mainNavLink(page, 'Playbooks').click();
    await page.getByRole('heading', { level: 1, name: 'Playbooks' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Welcome a new customer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Welcome a new customer' }).waitFor();
    expect(await page.getByTestId('playbook-timeline').innerText()).toMatch(/Day 14[\s\S]*Service owner/);
    await page.getByLabel('Key').first().fill('Bad Key');
    await page.getByRole('button', { name: 'Save as new version' }).click();
    await page.locator('#playbook-field-steps-0-key-error').waitFor();
    await expect.poll(() => focusedId(page)).toBe('playbook-field-steps-0-key');
    await expectAccessible(page);
    await page.getByLabel('Key').first().fill('thank_you_card');
    await page.getByRole('button', { name: 'Save as new version' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved as version 2.' }).waitFor();

    await mainNavLink(page, 'Outbox').click();
    await page.getByRole('heading', { level: 1, name: 'Outbox' }).waitFor();
    const message = page.getByTestId('outbox-row').filter({ hasText: 'Welcome to us, Harbor Supplies' });
    expect(await message.innerText()).toMatch(/nina@harbor\.example[\s\S]*Queued/);
    await message.getByText('Welcome to us, Harbor Supplies').click();
    await message.getByText('thank you for choosing us').waitFor();
    await expectAccessible(page);
    await page.context().close();
  }, 60_000);
});
