import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchChromium, mainNavLink, serveOnLoopback, signIn } from '../helpers/browser.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let browser: Browser;
let baseUrl: string;
let accountId: string;

beforeAll(async () => {
  t = await startTestApp();
  const api = t.as('admin');
  accountId = (await api('POST', '/api/v1/accounts', {
    name: 'Nordlicht Bäckerei und Konditorei GmbH & Co. KG', owner_id: t.userIds.sales, service_owner_id: t.userIds.service,
    lifecycle: 'customer', tags: ['wholesale', 'trade-show', 'north-region'],
  })).json().id;
  await api('POST', '/api/v1/contacts', { account_id: accountId, name: 'Henrike Oberbuchhalterin', title: 'Head of purchasing', email: 'henrike.oberbuchhalterin@nordlicht-baeckerei.example', phone: '+49 40 123 456 789' });
  await api('POST', '/api/v1/deals', { account_id: accountId, title: 'Ovens for the second production site', value: 184_500, stage: 'proposal' });
  await api('POST', '/api/v1/orders', { account_id: accountId, lines: [{ description: 'Stone oven service kit', unit_price: 1290, quantity: 3 }] });
  await api('POST', '/api/v1/issues', { account_id: accountId, title: 'Proofing cabinet keeps the wrong temperature overnight' });
  await api('POST', '/api/v1/touches', { account_id: accountId, kind: 'call', subject: 'Ask how the new ovens are doing', due_at: new Date().toISOString() });
  await t.as('manager')('POST', '/api/v1/playbooks', {
    name: 'Welcome a new wholesale customer', trigger: 'deal_won', steps: [{ key: 'call', kind: 'task', touch_kind: 'call', offset_days: 1, subject: 'Welcome call' }],
  });
  baseUrl = await serveOnLoopback(t.app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t.close();
});

const mainPages = [
  '/my-day', '/accounts', '/pipeline', '/analytics', '/attention', '/playbooks', '/service', '/surveys', '/referrals',
  '/outbox', '/import', '/webhooks', '/settings', '/audit', '/users', '/profile', '/products',
];

const overflowsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

async function visit(page: Page, path: string) {
  await page.goto(`${baseUrl}${path}`);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForLoadState('networkidle');
}

describe('the app shell', () => {
  it('opens the navigation from the Menu button on a phone and follows a link', async () => {
    const page = await signIn(browser, baseUrl, 'admin');
    await page.setViewportSize({ width: 390, height: 844 });
    const menu = page.getByRole('button', { name: 'Menu', exact: true });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await mainNavLink(page, 'Pipeline').isVisible()).toBe(false);
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('My day');
    await expectAccessible(page);
    await page.keyboard.press('Escape');
    expect(await mainNavLink(page, 'Pipeline').isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Menu');
    await menu.click();
    await mainNavLink(page, 'Pipeline').click();
    await page.getByRole('heading', { level: 1, name: 'Pipeline' }).waitFor();
    expect(await mainNavLink(page, 'Pipeline').isVisible()).toBe(false);
    // Focus moves to <main> in an effect after the new page renders, not with it.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
    expect(await page.getByTestId('current-user').innerText()).toContain('Admin');
    await page.context().close();
  });

  for (const width of [1440, 390]) {
    it(`has no sideways scrolling on any main page at ${width} px and the shell passes axe`, async () => {
      const page = await signIn(browser, baseUrl, 'admin');
      await page.setViewportSize({ width, height: 900 });
      await expectAccessible(page);
      const overflowing: string[] = [];
      for (const path of [...mainPages, `/accounts/${accountId}`]) {
        await visit(page, path);
        if (await overflowsSideways(page)) overflowing.push(path);
      }
      expect(overflowing).toEqual([]);
      await page.context().close();
    }, 90_000);
  }
});
