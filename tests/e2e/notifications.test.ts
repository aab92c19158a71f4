import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationTicker } from '../../src/modules/notifications/index.ts';
import { pendingEvents } from '../../src/platform/event-cursor.ts';
import { expectAccessible, launchChromium, followMainNavLink, serveOnLoopback, signIn } from '../helpers/browser.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let browser: Browser;
let baseUrl: string;
let issueId: string;
const shots = process.env.SCREENSHOT_DIR;

/** What the worker does every few seconds: turn new events into notifications. */
async function runNotificationTicker(): Promise<void> {
  for (let attempt = 0; attempt < 200 && (await pendingEvents(t.db, 'notifications')) > 0; attempt++) {
    if ((await notificationTicker.run({ db: t.db, links: { publicUrl: baseUrl, secret: 'unused' } })) === 0) await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  t = await startTestApp();
  baseUrl = await serveOnLoopback(t.app);
  const account = (await t.as('sales')('POST', '/api/v1/accounts', { name: 'Harbor Roasters', owner_id: t.userIds.sales, lifecycle: 'customer' })).json();
  issueId = (await t.as('sales')('POST', '/api/v1/issues', { account_id: account.id, title: 'Grinder makes a grinding noise' })).json().id;
  await t.as('manager')('POST', '/api/v1/touches', {
    account_id: account.id,
    kind: 'call',
    subject: 'Call Harbor Roasters about the spare parts they asked for last week',
    due_at: '2030-01-15T09:00:00Z',
    assignee_id: t.userIds.service,
  });
  await runNotificationTicker();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const overflowsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
const bell = (page: Page) => page.getByTestId('notification-bell');

describe('the notification bell', () => {
  for (const width of [1440, 390]) {
    it(`shows the unread count, opens a panel whose links lead to the work, and marks all read at ${width} px`, async () => {
      await t.db.updateTable('notifications').set({ read_at: null }).execute();
      const page = await signIn(browser, baseUrl, 'service');
      await page.setViewportSize({ width, height: 900 });
      await expect.poll(() => bell(page).getAttribute('aria-label')).toBe('Notifications, 2 unread');
      expect(await page.getByTestId('notification-count').textContent()).toBe('2');
      await bell(page).click();
      const panel = page.getByRole('region', { name: 'Notifications' });
      await panel.getByRole('link', { name: /Service issue for you: Grinder makes a grinding noise/ }).waitFor();
      expect(await panel.textContent()).toContain('New task for you: Call Harbor Roasters');
      expect(await panel.textContent()).toContain('planned by Max Manager');
      expect(await overflowsSideways(page)).toBe(false);
      await expectAccessible(page);
      if (shots) await page.screenshot({ path: `${shots}/notifications-${width}.png` });

      await panel.getByRole('link', { name: /Grinder makes a grinding noise/ }).click();
      await page.waitForURL(`**/service/issues/${issueId}`);
      await expect.poll(() => bell(page).getAttribute('aria-label')).toBe('Notifications, 1 unread');

      await bell(page).click();
      await panel.getByRole('button', { name: 'Mark all read' }).click();
      await expect.poll(() => bell(page).getAttribute('aria-label')).toBe('Notifications, none unread');
      expect(await page.getByTestId('notification-count').count()).toBe(0);
      await page.keyboard.press('Escape');
      expect(await panel.count()).toBe(0);
      await page.context().close();
    }, 40_000);
  }
});

describe('the company settings', () => {
  for (const width of [1440, 390]) {
    it(`are edited by a manager, with a refused value named, at ${width} px`, async () => {
      const page = await signIn(browser, baseUrl, 'manager');
      await page.setViewportSize({ width, height: 900 });
      await followMainNavLink(page, 'Settings');
      await page.getByRole('heading', { level: 2, name: 'Company' }).waitFor();
      await page.getByLabel('Business name').fill('Harbor Coffee Supply');
      await page.getByLabel(/Reply-to address/).fill('hello@harbor.example');
      await page.getByLabel(/Default currency/).fill('XYZ');
      await page.getByRole('button', { name: 'Save company settings' }).click();
      await page.getByRole('alert').filter({ hasText: 'The company settings were not saved' }).waitFor();
      expect(await page.getByLabel(/Default currency/).getAttribute('aria-invalid')).toBe('true');
      await page.getByLabel(/Default currency/).fill('USD');
      await page.getByRole('button', { name: 'Save company settings' }).click();
      await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
      expect(await overflowsSideways(page)).toBe(false);
      await expectAccessible(page);
      if (shots) await page.screenshot({ path: `${shots}/company-settings-${width}.png`, fullPage: true });
      await page.context().close();
      const settings = (await t.as('sales')('GET', '/api/v1/company-settings')).json();
      expect(settings).toMatchObject({ business_name: 'Harbor Coffee Supply', reply_to: 'hello@harbor.example', default_currency: 'USD' });
    }, 40_000);
  }

  it('are shown, not editable, to a salesperson', async () => {
    const page = await signIn(browser, baseUrl, 'sales');
    await followMainNavLink(page, 'Settings');
    await page.getByText('Only managers and admins can change these.').waitFor();
    expect(await page.getByText('Harbor Coffee Supply').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Save company settings' }).count()).toBe(0);
    await expectAccessible(page);
    await page.context().close();
  }, 30_000);
});
