import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, followMainNavLink, launchChromium, mainNavLink, serveOnLoopback, signIn } from '../helpers/browser.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  t = await startTestApp();
  await t.as('sales')('POST', '/api/v1/accounts', { name: 'A rather long account name for a narrow phone screen GmbH & Co. KG' });
  await t.as('admin')('PATCH', '/api/v1/analytics/settings', { touch_stale_days: 120 });
  baseUrl = await serveOnLoopback(t.app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const overflowsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

describe('the audit log page', () => {
  it('is in the navigation for admins only', async () => {
    const sales = await signIn(browser, baseUrl, 'sales');
    expect(await mainNavLink(sales, 'Audit').count()).toBe(0);
    await sales.context().close();
  });

  for (const width of [1440, 390]) {
    it(`shows who changed what, filtered by action, at ${width} px wide`, async () => {
      const page = await signIn(browser, baseUrl, 'admin');
      await page.setViewportSize({ width, height: 900 });
      await followMainNavLink(page, 'Audit');
      await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
      await page.getByTestId('audit-row').first().waitFor();
      const table = page.getByTestId('audit-table');
      expect(await table.textContent()).toContain('Account created');
      expect(await table.textContent()).not.toContain('account.created');
      expect(await table.getByText('Account created').first().getAttribute('title')).toBe('account.created');
      await page.getByLabel('Action').selectOption('settings.analytics_updated');
      await expect.poll(() => page.getByTestId('audit-row').count()).toBe(1);
      expect(await page.getByTestId('audit-row').textContent()).toContain('Analytics settings changed');
      expect(await page.getByTestId('audit-row').textContent()).toContain('Days before a contact counts as stale: ');
      expect(await page.getByTestId('audit-row').textContent()).not.toContain('touch_stale_days');
      expect(await overflowsSideways(page)).toBe(false);
      await expectAccessible(page);
      await page.context().close();
    }, 30_000);
  }
});
