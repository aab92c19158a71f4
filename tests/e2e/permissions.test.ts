import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchChromium, mainNavLink, serveOnLoopback, signIn } from '../helpers/browser.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let browser: Browser;
let baseUrl: string;
let accountId: string;

beforeAll(async () => {
  t = await startTestApp();
  baseUrl = await serveOnLoopback(t.app);
  browser = await launchChromium();
  accountId = (await t.as('sales')('POST', '/api/v1/accounts', { name: 'Lindqvist Bakery', owner_id: t.userIds.sales })).json().id;
  await t.as('sales')('POST', '/api/v1/contacts', { account_id: accountId, name: 'Lena Lindqvist', email: 'lena@lindqvist.example' });
});

afterAll(async () => {
  await browser?.close();
  await t.close();
});

describe('what the web app offers each role (docs/permissions.md)', () => {
  it('offers a salesperson no import, outbox, export or contact deletion, and says why', async () => {
    const page = await signIn(browser, baseUrl, 'sales');
    await mainNavLink(page, 'Accounts').waitFor();
    expect(await mainNavLink(page, 'Import').count()).toBe(0);
    expect(await mainNavLink(page, 'Outbox').count()).toBe(0);
    await page.goto(`${baseUrl}/import`);
    await page.getByText('Only managers and admins can import').waitFor();
    await page.goto(`${baseUrl}/outbox`);
    await page.getByText('Only managers and admins can read the outbox').waitFor();
    await page.goto(`${baseUrl}/settings`);
    await page.getByText('Only managers and admins can download exports').waitFor();
    await page.goto(`${baseUrl}/accounts/${accountId}`);
    await page.getByTestId('contact-list').getByText('Lena Lindqvist', { exact: true }).waitFor();
    await page.getByText('Only managers and admins can delete a contact.').waitFor();
    expect(await page.getByRole('button', { name: /Delete Lena/ }).count()).toBe(0);
    // The account's own delete button stays in view, disabled, with the reason next to it.
    expect(await page.getByRole('button', { name: 'Delete account' }).isDisabled()).toBe(true);
    await page.getByText('Only managers and admins can delete an account').waitFor();
    await expectAccessible(page);
    await page.context().close();
  }, 60_000);

  it('offers a salesperson no logging or planning on another salesperson’s account, and says why before any form', async () => {
    const theirs = (await t.as('manager')('POST', '/api/v1/accounts', { name: 'Nordhavn Ropes', owner_id: t.userIds.manager })).json().id;
    const page = await signIn(browser, baseUrl, 'sales');
    await page.goto(`${baseUrl}/accounts/${theirs}`);
    await page.getByText('This account is owned by another salesperson: ask its owner or a manager to log or plan touches here.').waitFor();
    await page.getByText('This account is owned by another salesperson: ask its owner or a manager to change it.').waitFor();
    for (const name of ['Edit account', 'Log a call', 'Log a meeting', 'Log an email', 'Log a note', 'Plan a touch']) {
      expect(await page.getByRole('button', { name }).isDisabled()).toBe(true);
    }
    await expectAccessible(page);
    // Their own account keeps every button.
    await page.goto(`${baseUrl}/accounts/${accountId}`);
    await page.getByRole('heading', { level: 1, name: 'Lindqvist Bakery' }).waitFor();
    expect(await page.getByRole('button', { name: 'Log a call' }).isDisabled()).toBe(false);
    expect(await page.getByRole('button', { name: 'Edit account' }).isDisabled()).toBe(false);
    expect(await page.getByText(/This account is owned by another salesperson/).count()).toBe(0);
    await page.context().close();
  }, 60_000);

  it('lets a manager download exports and delete a contact', async () => {
    const page = await signIn(browser, baseUrl, 'manager');
    await mainNavLink(page, 'Import').waitFor();
    await page.goto(`${baseUrl}/settings`);
    expect(await page.getByRole('link', { name: 'Service issues' }).getAttribute('href')).toBe('/api/v1/exports/issues.csv');
    await page.goto(`${baseUrl}/accounts/${accountId}`);
    await page.getByRole('button', { name: 'Delete Lena Lindqvist' }).click();
    await page.getByRole('dialog', { name: 'Delete Lena Lindqvist?' }).getByRole('button', { name: 'Delete Lena Lindqvist' }).click();
    await page.getByText('No contacts yet.').waitFor();
    await expectAccessible(page);
    await page.context().close();
  }, 60_000);
});
