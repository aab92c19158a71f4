import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/platform/db-schema.ts';
import { expectAccessible, launchChromium, serveOnLoopback, signIn } from '../helpers/browser.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  t = await startTestApp();
  const manager = t.as('manager');
  await manager('POST', '/api/v1/accounts', { name: 'Alpine Outfitters', owner_id: t.userIds.manager, tags: ['retail'] });
  await manager('POST', '/api/v1/accounts', { name: 'Coastal Cycles', owner_id: t.userIds.sales, tags: ['bikes'] });
  baseUrl = await serveOnLoopback(t.app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t.close();
});

const signInAs = (role: Role) => signIn(browser, baseUrl, role);
const dialog = (page: Page, name: string | RegExp) => page.getByRole('dialog', { name });
const accountIdOf = (page: Page) => new URL(page.url()).pathname.split('/').pop() ?? '';

async function addTag(scope: ReturnType<typeof dialog>, label: string, tag: string) {
  await scope.getByLabel(label, { exact: true }).fill(tag);
  await scope.getByLabel(label, { exact: true }).press('Enter');
}

describe('accounts and contacts in the web app', () => {
  it('creates an account with owner, tags and address, edits it and adds a contact with consent', async () => {
    const page = await signInAs('sales');
    await page.getByRole('button', { name: 'New account' }).click();
    const form = dialog(page, 'New account');
    await form.getByLabel('Name', { exact: true }).fill('Lakeside Bikes');
    // A salesperson may only take an account themselves: nobody else is offered. The people list
    // loads after the dialog opens, so wait for it rather than read the options at once.
    await expect.poll(() => form.getByLabel('Owner', { exact: true }).locator('option').allInnerTexts()).toEqual(['Unassigned', 'Sam Sales (you)']);
    await addTag(form, 'Tags', 'bikes');
    await addTag(form, 'Tags', 'premium');
    await form.getByLabel('Street and number').fill('Harbour Road 5');
    await form.getByLabel('Postal code').fill('10115');
    await form.getByLabel('City').fill('Berlin');
    await expectAccessible(page);
    await form.getByRole('button', { name: 'Create account' }).click();

    const header = page.getByTestId('account-header');
    await header.getByRole('heading', { level: 1, name: 'Lakeside Bikes' }).waitFor();
    expect(await header.innerText()).toMatch(/Sam Sales[\s\S]*bikes[\s\S]*premium[\s\S]*Harbour Road 5, 10115 Berlin/);

    await page.getByRole('button', { name: 'Edit account' }).click();
    const edit = dialog(page, 'Edit Lakeside Bikes');
    await edit.getByRole('button', { name: 'Remove premium' }).click();
    await addTag(edit, 'Interests', 'e-bikes');
    // Pasted text with commas is one tag per entry, also when the box is left without Enter.
    await edit.getByLabel('Tags', { exact: true }).fill('wholesale, bikes, cargo');
    await edit.getByLabel('Name', { exact: true }).fill('Lakeside Bikes GmbH');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await header.getByRole('heading', { level: 1, name: 'Lakeside Bikes GmbH' }).waitFor();
    expect(await header.innerText()).not.toContain('premium');
    const saved = await t.db.selectFrom('accounts').select('tags').where('name', '=', 'Lakeside Bikes GmbH').executeTakeFirstOrThrow();
    expect(saved.tags).toEqual(['bikes', 'wholesale', 'cargo']);
    expect(await header.innerText()).toMatch(/Interests[\s\S]*e-bikes/);

    await page.getByRole('button', { name: 'Add contact' }).click();
    const contact = dialog(page, 'Add contact');
    await contact.getByLabel('Name', { exact: true }).fill('Lena Rider');
    await contact.getByLabel('Email').fill('lena@lakeside.example');
    await contact.getByLabel('Agreed to receive the newsletter').check();
    await contact.getByRole('button', { name: 'Add contact' }).click();
    const contacts = page.getByTestId('contact-list');
    await contacts.getByText('Lena Rider', { exact: true }).waitFor();
    expect(await contacts.innerText()).toMatch(/Newsletter: yes[\s\S]*Emails: allowed/);
    await page.getByRole('button', { name: 'Edit Lena Rider' }).click();
    await dialog(page, 'Edit Lena Rider').getByLabel('Agreed to receive the newsletter').uncheck();
    await dialog(page, 'Edit Lena Rider').getByLabel(/Emails allowed/).uncheck();
    await dialog(page, 'Edit Lena Rider').getByRole('button', { name: 'Save contact' }).click();
    await contacts.getByText('Newsletter: no').waitFor();
    await contacts.getByText(/Emails: unsubscribed/).waitFor();
    // Deleting a contact or the account is for managers; a salesperson is told why.
    expect(await page.getByRole('button', { name: 'Delete account' }).isDisabled()).toBe(true);
    await page.getByText('Only managers and admins can delete an account').waitFor();
    await expectAccessible(page);
  });

  it('logs a call on an open deal with its required next step, plans a touch and filters the timeline', async () => {
    const page = await signInAs('sales');
    await page.getByRole('link', { name: 'Coastal Cycles' }).click();
    await page.getByRole('heading', { level: 1, name: 'Coastal Cycles' }).waitFor();
    const accountId = accountIdOf(page);
    const deal = (await t.as('sales')('POST', '/api/v1/deals', { account_id: accountId, title: 'Spring fleet', value: 4000 })).json();
    // The form opens before the account's open deals arrive (held back here), and still offers the
    // one open deal once they do.
    const dealsList = (url: URL) => url.pathname === '/api/v1/deals';
    await page.route(dealsList, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue();
    });
    await page.reload();
    await page.getByRole('button', { name: 'Log a call' }).click();
    const log = dialog(page, 'Log a call with Coastal Cycles');
    await log.getByLabel('What was it about?').fill('Talked about the spring fleet');
    await expect.poll(() => log.getByLabel('Deal', { exact: true }).inputValue()).toBe(deal.id);
    await page.unroute(dealsList);
    await log.getByText('A conversation on an open deal ends with a dated next step.').waitFor();
    // Sensible defaults: a call, assigned to me, on the next working day at 10:00.
    expect(await log.getByLabel('Due time').inputValue()).toBe('10:00');
    expect([0, 6]).not.toContain(new Date(`${await log.getByLabel('Due date').inputValue()}T00:00:00Z`).getUTCDay());
    await log.getByLabel('Kind', { exact: true }).selectOption('');
    await log.getByRole('button', { name: 'Log call' }).click();
    await log.getByRole('alert').filter({ hasText: 'Choose what kind of next step it is.' }).waitFor();
    await expectAccessible(page);
    await log.getByLabel('Kind', { exact: true }).selectOption('meeting');
    await log.getByLabel('Subject (optional)').fill('Demo of the new models');
    await log.getByRole('button', { name: 'Log call' }).click();
    await log.waitFor({ state: 'hidden' });

    const planned = (await t.as('sales')('GET', `/api/v1/touches?deal_id=${deal.id}&status=planned`)).json().items;
    expect(planned.map((touch: { kind: string; subject: string; assignee_id: string }) => [touch.kind, touch.subject, touch.assignee_id])).toEqual([
      ['meeting', 'Demo of the new models', t.userIds.sales],
    ]);

    await page.getByRole('button', { name: 'Plan a touch' }).click();
    const plan = dialog(page, 'Plan a touch with Coastal Cycles');
    await plan.getByLabel('Kind', { exact: true }).selectOption('card');
    await plan.getByLabel('Subject (optional)').fill('Birthday card');
    await plan.getByLabel('Deal', { exact: true }).selectOption('');
    await plan.getByRole('button', { name: 'Plan touch' }).click();
    await plan.waitFor({ state: 'hidden' });

    const timeline = page.getByTestId('timeline');
    await timeline.getByText('Birthday card').waitFor();
    const types = () => timeline.getByTestId('timeline-item').evaluateAll((items) => items.map((item) => item.getAttribute('data-type')));
    expect(await types()).toEqual(expect.arrayContaining(['card', 'meeting', 'call', 'deal']));
    expect(await timeline.getByTestId('timeline-item').filter({ hasText: 'Talked about the spring fleet' }).innerText()).toMatch(/^Call/);
    await page.getByLabel('Show', { exact: true }).selectOption('call');
    await expect.poll(types).toEqual(['call']);
    await page.getByLabel('Show', { exact: true }).selectOption('');
    await expect.poll(async () => (await types()).length).toBeGreaterThan(1);
    await expectAccessible(page);
  });

  it('sorts and filters the list with its total, and lets a manager delete an account after confirming', async () => {
    const page = await signInAs('manager');
    await page.getByTestId('accounts-total').getByText('3 accounts').waitFor();
    await page.getByLabel('Sort by').selectOption('owner');
    const names = () => page.getByTestId('account-row').locator('th a').allInnerTexts();
    await expect.poll(names).toEqual(['Alpine Outfitters', 'Coastal Cycles', 'Lakeside Bikes GmbH']);
    // Applied as typing pauses, like the search box: no Enter needed.
    await page.getByLabel('Tag', { exact: true }).fill('bikes');
    await page.getByTestId('accounts-total').getByText('2 accounts match these filters').waitFor();
    await page.getByLabel('No next touch planned').check();
    await page.getByTestId('accounts-total').getByText('1 account matches these filters').waitFor();
    expect(await names()).toEqual(['Lakeside Bikes GmbH']);
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Lakeside Bikes GmbH' }).click();
    await page.getByRole('button', { name: 'Delete Lena Rider' }).click();
    const confirmContact = dialog(page, 'Delete Lena Rider?');
    await confirmContact.getByText('is deleted from this account with their consent and history').waitFor();
    await confirmContact.getByRole('button', { name: 'Keep them' }).click();
    expect(await page.getByTestId('contact-list').innerText()).toContain('Lena Rider');
    await page.getByRole('button', { name: 'Delete Lena Rider' }).click();
    await confirmContact.getByRole('button', { name: 'Delete Lena Rider' }).click();
    await page.getByText('No contacts yet').waitFor();
    await page.getByRole('button', { name: 'Delete account' }).click();
    const confirm = dialog(page, 'Delete Lakeside Bikes GmbH?');
    await confirm.getByText('is deleted with its contacts, deals, orders and timeline').waitFor();
    await expectAccessible(page);
    await confirm.getByRole('button', { name: 'Delete Lakeside Bikes GmbH' }).click();
    await page.getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();
    await page.getByTestId('accounts-total').getByText('2 accounts').waitFor();
    expect((await t.as('manager')('GET', '/api/v1/accounts?q=Lakeside')).json().total).toBe(0);
  });
});
