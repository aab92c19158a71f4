import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchChromium, serveOnLoopback, signIn } from '../helpers/browser.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let browser: Browser;
let baseUrl: string;
let accountId: string;
let issueId: string;

beforeAll(async () => {
  t = await startTestApp();
  const api = t.as('sales');
  accountId = (await api('POST', '/api/v1/accounts', { name: 'Lighthouse Coffee', owner_id: t.userIds.sales, tags: ['harbour'] })).json().id;
  await api('POST', '/api/v1/contacts', { account_id: accountId, name: 'Oskar Lind', email: 'oskar@lighthouse.example', phone: '+46 8 555 0101' });
  await api('POST', '/api/v1/orders', { account_id: accountId, number: 'LH-4711', lines: [{ description: 'Beans', unit_price: 12, quantity: 3 }] });
  await api('POST', '/api/v1/deals', { account_id: accountId, title: 'Lighthouse second shop' });
  issueId = (await t.as('service')('POST', '/api/v1/issues', { account_id: accountId, title: 'Lighthouse grinder jams' })).json().id;
  baseUrl = await serveOnLoopback(t.app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t.close();
});

describe('global search', () => {
  it('opens with Ctrl+K, lists grouped results, and opens an account page with the arrow keys and Enter', async () => {
    const page = await signIn(browser, baseUrl, 'sales');
    await page.keyboard.press('Control+k');
    const dialog = page.getByRole('dialog', { name: 'Search' });
    await dialog.waitFor();
    const box = dialog.getByRole('combobox', { name: 'Search everything' });
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await box.fill('lighthouse');
    const results = dialog.getByRole('listbox', { name: 'Search results' });
    for (const group of ['Accounts', 'Contacts', 'Deals', 'Issues']) await results.getByRole('group', { name: group }).waitFor();
    expect(await results.getByRole('option').allInnerTexts()).toEqual([
      expect.stringContaining('Lighthouse Coffee'),
      expect.stringContaining('Oskar Lind'),
      expect.stringContaining('Lighthouse second shop'),
      expect.stringContaining('Lighthouse grinder jams'),
    ]);
    await expectAccessible(page);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await results.getByRole('option', { selected: true }).innerText()).toContain('Lighthouse grinder jams');
    await page.keyboard.press('ArrowDown');
    expect(await results.getByRole('option', { selected: true }).innerText()).toContain('Lighthouse Coffee');
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/accounts/${accountId}`);
    await page.getByRole('heading', { level: 1, name: 'Lighthouse Coffee' }).waitFor();
    expect(await dialog.isVisible()).toBe(false);
    await page.close();
  });

  it('opens with "/", finds an order by number, opens an issue, and closes with Escape', async () => {
    const page = await signIn(browser, baseUrl, 'service');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.keyboard.press('/');
    const dialog = page.getByRole('dialog', { name: 'Search' });
    const box = dialog.getByRole('combobox', { name: 'Search everything' });
    await box.fill('LH-47');
    await dialog.getByRole('group', { name: 'Orders' }).getByRole('option', { name: /Order LH-4711/ }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);

    await page.getByRole('button', { name: 'Search' }).click();
    await box.fill('grinder jams');
    await dialog.getByRole('option', { name: /Lighthouse grinder jams/ }).click();
    await page.waitForURL(`**/service/issues/${issueId}`);
    await page.close();
  });
});
