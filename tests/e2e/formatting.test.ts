import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, now } from '../../src/platform/clock.ts';
import { launchChromium, serveOnLoopback, signIn } from '../helpers/browser.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let browser: Browser;
let baseUrl: string;
let accountId: string;
let dealId: string;

// A reader in Germany: the app must follow the browser's language for numbers, money and dates.
const german = { locale: 'de-DE', timezoneId: 'Europe/Berlin' };

beforeAll(async () => {
  t = await startTestApp();
  const manager = t.as('manager');
  const sales = t.as('sales');
  // Amounts that carry no currency (product prices) are in the company's default currency.
  await manager('PATCH', '/api/v1/company-settings', { default_currency: 'CHF' });
  const grinder = (await manager('POST', '/api/v1/products', { sku: 'GR-1', name: 'Burr grinder', price: 1249.5, tags: ['coffee'] })).json();
  accountId = (await sales('POST', '/api/v1/accounts', { name: 'Kaffeehaus Adler', owner_id: t.userIds.sales, lifecycle: 'customer' })).json().id;
  const nextStep = { kind: 'meeting', assignee_id: t.userIds.sales, due_at: addDays(now(), 3).toISOString() };
  dealId = (
    await sales('POST', '/api/v1/deals', { account_id: accountId, title: 'Second café fit-out', value: 48000, currency: 'USD', stage: 'proposal', expected_close_on: '2027-03-15', next_step: nextStep })
  ).json().id;
  await sales('POST', '/api/v1/orders', { account_id: accountId, number: 'KA-7', currency: 'EUR', placed_at: '2026-11-02T09:30:00Z', lines: [{ product_id: grinder.id, quantity: 2, unit_price: 1249.5 }] });
  await sales('POST', '/api/v1/touches', { account_id: accountId, kind: 'call', subject: 'Ask how the grinders run', due_at: now().toISOString() });
  baseUrl = await serveOnLoopback(t.app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t.close();
});

/** What a person reads in the page's main area, spaces as typed. Code samples (keys, event names) are left out. */
function readMain(page: Page): Promise<string> {
  return page.evaluate(() => {
    const main = document.querySelector('main')?.cloneNode(true) as HTMLElement;
    for (const code of main.querySelectorAll('code')) code.remove();
    return main.innerText.replaceAll('\u00a0', ' ');
  });
}

const isoDate = /\b\d{4}-\d{2}-\d{2}\b/;
const fieldName = /\b[a-z]+(?:_[a-z]+)+\b/;
// An amount as the server stores it ("2499.00 EUR"), not formatted for the reader.
const rawAmount = /\b\d+\.\d{2} [A-Z]{3}\b/;

describe('formatting for the reader', () => {
  it('shows money with its currency and dates in the browser’s language, never raw ISO dates or field names', async () => {
    const page = await signIn(browser, baseUrl, 'sales', german);
    const pages: Record<string, { path: string; loaded: string; shows: RegExp[] }> = {
      accounts: { path: '/accounts', loaded: 'Kaffeehaus Adler', shows: [] },
      account: { path: `/accounts/${accountId}`, loaded: 'KA-7', shows: [/2\.499 €/, /02\.11\.2026/, /48\.000 \$/, /Order KA-7 · 2\.499 €/] },
      pipeline: { path: '/pipeline', loaded: 'Second café fit-out', shows: [/48\.000 \$/] },
      deal: { path: `/deals/${dealId}`, loaded: 'Second café fit-out', shows: [/48\.000 \$/, /15\.03\.2027/] },
      products: { path: '/products', loaded: 'Burr grinder', shows: [/1\.249,50 CHF/] },
      myDay: { path: '/my-day', loaded: 'Ask how the grinders run', shows: [] },
    };
    for (const [name, { path, loaded, shows }] of Object.entries(pages)) {
      await page.goto(`${baseUrl}${path}`);
      await page.getByText(loaded).first().waitFor();
      // A page's panels load one by one: wait until each expected amount or date is there.
      for (const shown of shows) await expect.poll(() => readMain(page), { message: `${name} should show ${shown}` }).toMatch(shown);
      await page.waitForLoadState('networkidle');
      const text = await readMain(page);
      expect(text.match(isoDate), `${name} shows a raw ISO date`).toBeNull();
      expect(text.match(fieldName), `${name} shows an API field name`).toBeNull();
      expect(text.match(rawAmount), `${name} shows an unformatted amount`).toBeNull();
    }
    await page.context().close();
  });

  it('names a refused field in words, not by its API name', async () => {
    const page = await signIn(browser, baseUrl, 'manager', german);
    await page.goto(`${baseUrl}/settings`);
    await page.getByLabel(/Reply-to address/).fill('not an address');
    await page.getByRole('button', { name: 'Save company settings' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'The company settings were not saved' });
    await alert.waitFor();
    const message = await alert.innerText();
    expect(message).toMatch(/Reply to/);
    expect(message).not.toMatch(fieldName);

    // A product form refused by the server names the field once, in words.
    await page.goto(`${baseUrl}/products`);
    await page.getByRole('button', { name: 'New product' }).click();
    const form = page.getByRole('dialog', { name: 'New product' });
    await form.getByLabel('Name').fill('Tamper');
    await form.getByLabel('SKU').fill('TMP-1');
    await form.getByLabel('Price').fill('30');
    await form.getByLabel(/Getting-started link/).fill('ftp://files.example/tamper.pdf');
    await form.getByRole('button', { name: 'Create product' }).click();
    const refused = await form.getByRole('alert').innerText();
    expect(refused.match(/Getting.started/gi)).toHaveLength(1);
    expect(refused).not.toMatch(fieldName);
    await page.context().close();
  });
});
