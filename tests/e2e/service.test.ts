import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/platform/db-schema.ts';
import { expectAccessible, launchChromium, mainNavLink, serveOnLoopback, signIn } from '../helpers/browser.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import { testPassword } from '../helpers/test-users.ts';

let t: TestApp;
let browser: Browser;
let baseUrl: string;
let accountId: string;
let contactId: string;
let ritaId: string;
let issueId: string;

beforeAll(async () => {
  t = await startTestApp();
  const api = t.as('sales');
  accountId = (await api('POST', '/api/v1/accounts', { name: 'Quay Bakery', owner_id: t.userIds.sales, service_owner_id: t.userIds.service, lifecycle: 'customer' })).json().id;
  contactId = (await api('POST', '/api/v1/contacts', { account_id: accountId, name: 'Olga Oven', title: 'Owner', email: 'olga@quay.example' })).json().id;
  await api('POST', '/api/v1/contacts', { account_id: accountId, name: 'Paul Phoneonly', phone: '+49 40 555' });
  ritaId = (await t.as('admin')('POST', '/api/v1/users', { email: 'rita@test.example', name: 'Rita Repair', role: 'service', password: testPassword })).json().id;
  baseUrl = await serveOnLoopback(t.app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t.close();
});


const signInAs = (role: Role) => signIn(browser, baseUrl, role);


describe('service issues, SLAs and customer asks in the web app', () => {
  it('lets a service user open an issue for an account, reply, and resolve it from the keyboard', async () => {
    const page = await signInAs('service');
    await mainNavLink(page, 'Service').click();
    await page.getByRole('heading', { level: 1, name: 'Service' }).waitFor();
    await page.getByLabel('Find the account').fill('quay');
    await page.getByLabel('Account', { exact: true }).selectOption({ label: 'Quay Bakery' });
    await page.getByLabel('What is wrong?').fill('Oven timer app shows wrong times');
    await page.getByLabel('Details (optional)').fill('Since the update, every timer is an hour off.');
    await page.getByLabel('Severity').selectOption('high');
    await page.getByLabel('Customer contact (optional)').selectOption({ label: 'Olga Oven, Owner' });
    await page.getByRole('button', { name: 'Send to service' }).click();
    await expect.poll(() => page.getByTestId('issue-opened').innerText()).toContain('Sent to Sue Service (service team): “Oven timer app shows wrong times” for Quay Bakery.');
    await page.getByTestId('issues-table').getByRole('link', { name: 'Oven timer app shows wrong times' }).waitFor();
    await expectAccessible(page);

    const issue = await t.db.selectFrom('issues').selectAll().where('account_id', '=', accountId).executeTakeFirstOrThrow();
    issueId = issue.id;
    expect(issue).toMatchObject({
      title: 'Oven timer app shows wrong times',
      description: 'Since the update, every timer is an hour off.',
      severity: 'high',
      channel: 'web',
      status: 'new',
      contact_id: contactId,
      assignee_id: t.userIds.service,
      created_by: t.userIds.service,
    });

    await page.getByRole('link', { name: 'Open the issue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Oven timer app shows wrong times' }).waitFor();
    expect(await page.getByTestId('issue-facts').innerText()).toMatch(/Assigned to\s*Sue Service[\s\S]*First response due[\s\S]*Resolve by/);
    expect(await page.getByLabel('Reassign to').count()).toBe(0);
    await page.getByLabel('What was said').fill('Called Olga: the app used the wrong time zone, fixed it together.');
    await page.getByRole('button', { name: 'Save reply' }).click();
    await page.getByTestId('issue-replies').getByText('fixed it together').waitFor();
    await page.getByRole('button', { name: 'Resolve', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Reopen' }).waitFor();
    await page.getByText('Status is now resolved.').waitFor();
    // The Resolve button is gone: focus moved on to the next move instead of falling to the page.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toBe('Close');
    await expectAccessible(page);

    const resolved = await t.db.selectFrom('issues').select(['status', 'customer_contacts', 'first_response_at', 'resolved_at']).where('id', '=', issueId).executeTakeFirstOrThrow();
    expect(resolved).toMatchObject({ status: 'resolved', customer_contacts: 1 });
    expect(resolved.first_response_at).not.toBeNull();
    expect(resolved.resolved_at).not.toBeNull();
    const replies = await t.db
      .selectFrom('issue_touches')
      .innerJoin('touches', (join) => join.onRef('touches.account_id', '=', 'issue_touches.account_id').onRef('touches.id', '=', 'issue_touches.touch_id'))
      .select(['touches.kind', 'touches.status', 'touches.notes', 'issue_touches.customer_contact'])
      .where('issue_touches.issue_id', '=', issueId)
      .execute();
    expect(replies).toEqual([{ kind: 'email', status: 'done', notes: 'Called Olga: the app used the wrong time zone, fixed it together.', customer_contact: true }]);
    await page.context().close();
  }, 30_000);

  it('lets a manager change an SLA and hand an issue to another service user', async () => {
    const page = await signInAs('manager');
    await mainNavLink(page, 'Service').click();
    await page.getByRole('heading', { level: 1, name: 'Service' }).waitFor();
    const urgent = page.getByTestId('sla-row').filter({ hasText: 'Urgent' });
    await page.getByLabel('Urgent: first response within (hours)').fill('3');
    await page.getByLabel('Urgent: resolve within (hours)').fill('2');
    await page.getByRole('button', { name: 'Save Urgent SLA' }).click();
    await urgent.getByRole('alert').getByText('Resolution cannot be due before the first response.').waitFor();
    await page.getByLabel('Urgent: first response within (hours)').fill('2');
    await page.getByLabel('Urgent: resolve within (hours)').fill('6');
    await page.getByRole('button', { name: 'Save Urgent SLA' }).click();
    await expect.poll(() => urgent.getByRole('status').innerText()).toBe('Saved: 2 hours to first response, 6 hours to resolve.');
    await expectAccessible(page);
    const sla = await t.db.selectFrom('issue_slas').select(['first_response_hours', 'resolution_hours']).where('severity', '=', 'urgent').executeTakeFirstOrThrow();
    expect(sla).toEqual({ first_response_hours: 2, resolution_hours: 6 });

    await page.getByLabel('Show').selectOption('all');
    await page.getByTestId('issues-table').getByRole('link', { name: 'Oven timer app shows wrong times' }).click();
    await page.getByRole('heading', { level: 1, name: 'Oven timer app shows wrong times' }).waitFor();
    await page.getByLabel('Reassign to').selectOption({ label: 'Rita Repair' });
    await page.getByRole('button', { name: 'Reassign' }).click();
    await expect.poll(() => page.getByTestId('issue-assignee').innerText()).toBe('Rita Repair');
    await page.getByText('Reassigned to Rita Repair.').waitFor();
    await expectAccessible(page);
    const issue = await t.db.selectFrom('issues').select('assignee_id').where('id', '=', issueId).executeTakeFirstOrThrow();
    expect(issue.assignee_id).toBe(ritaId);
    await page.context().close();
  }, 30_000);

  it('lets a salesperson send an NPS survey, ask for referrals and report an issue from the account page', async () => {
    const page = await signInAs('sales');
    await page.goto(`${baseUrl}/accounts/${accountId}`);
    await page.getByRole('heading', { level: 1, name: 'Quay Bakery' }).waitFor();
    const ask = page.getByRole('region', { name: 'Ask the customer' });
    // Only contacts with an email address can be asked.
    await expect.poll(() => ask.getByLabel('Who should we ask?').locator('option').allInnerTexts()).toEqual(['Olga Oven (olga@quay.example)']);
    await ask.getByRole('button', { name: 'Send NPS survey' }).click();
    await expect
      .poll(() => page.getByTestId('ask-customer-status').innerText())
      .toBe('NPS survey queued for Olga Oven (olga@quay.example): “Quay Bakery, would you recommend us?”. The email goes out with the next mail run and is on the timeline.');
    await ask.getByRole('button', { name: 'Ask for referrals' }).click();
    await expect.poll(() => page.getByTestId('ask-customer-status').innerText()).toMatch(/^Referral request queued for Olga Oven/);
    await expectAccessible(page);

    const invites = await t.db.selectFrom('survey_invites').select(['survey_kind', 'contact_id', 'answered_at']).where('account_id', '=', accountId).execute();
    expect(invites).toEqual([{ survey_kind: 'nps', contact_id: contactId, answered_at: null }]);
    expect(await t.db.selectFrom('referral_links').select('contact_id').where('account_id', '=', accountId).execute()).toEqual([{ contact_id: contactId }]);
    const mails = await t.db.selectFrom('messages').select(['to_email', 'subject', 'status']).where('account_id', '=', accountId).orderBy('created_at').execute();
    expect(mails).toEqual([
      { to_email: 'olga@quay.example', subject: 'Quay Bakery, would you recommend us?', status: 'queued' },
      { to_email: 'olga@quay.example', subject: 'Do you know someone who would benefit?', status: 'queued' },
    ]);

    await page.getByText('Report an issue').click();
    await page.getByLabel('What is wrong?').fill('Invoice shows the old address');
    await page.getByRole('button', { name: 'Send to service' }).click();
    await expect.poll(() => page.getByTestId('issue-opened').innerText()).toMatch(/^Sent to Sue Service \(service team\)/);
    await expectAccessible(page);
    const reported = await t.db.selectFrom('issues').select(['assignee_id', 'created_by']).where('title', '=', 'Invoice shows the old address').executeTakeFirstOrThrow();
    // Routed to the service team, never to the salesperson who reported it.
    expect(reported).toEqual({ assignee_id: t.userIds.service, created_by: t.userIds.sales });
    await page.context().close();
  }, 30_000);
});
