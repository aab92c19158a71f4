import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseLateOrderAlerts } from '../../src/modules/orders/index.ts';
import { expectAccessible, followMainNavLink, launchChromium, serveOnLoopback, signIn } from '../helpers/browser.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let browser: Browser;
let baseUrl: string;
let orderNumber: string;

/** Noon (UTC) of the last weekday before today: the alert is raised then, so its task is overdue now. */
function lastWeekdayNoon(): Date {
  const day = new Date();
  day.setUTCHours(12, 0, 0, 0);
  do day.setUTCDate(day.getUTCDate() - 1);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6);
  return day;
}

beforeAll(async () => {
  t = await startTestApp();
  const api = t.as('sales');
  const account = (await api('POST', '/api/v1/accounts', { name: 'Seaside Roastery', owner_id: t.userIds.sales, service_owner_id: t.userIds.service, lifecycle: 'customer' })).json();
  const raisedAt = lastWeekdayNoon();
  // Placed ten days before: past its two-working-day promise, and past twice that, when the alert runs.
  const placedAt = new Date(raisedAt.getTime() - 10 * 86_400_000).toISOString();
  const order = await api('POST', '/api/v1/orders', { account_id: account.id, placed_at: placedAt, lines: [{ description: 'Espresso blend, 5 kg', unit_price: 84, quantity: 4 }] });
  orderNumber = order.json().number;
  await raiseLateOrderAlerts(t.db, raisedAt);
  baseUrl = await serveOnLoopback(t.app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t.close();
});

describe('late orders in the web app', () => {
  for (const width of [1440, 390]) {
    it(`shows the manager the late order on the Service page at ${width} px`, async () => {
      const page = await signIn(browser, baseUrl, 'manager');
      await page.setViewportSize({ width, height: 900 });
      await followMainNavLink(page, 'Service');
      await page.getByRole('heading', { level: 1, name: 'Service' }).waitFor();
      const section = page.getByRole('region', { name: 'Late orders' });
      const row = section.getByTestId('late-order-row').filter({ hasText: orderNumber });
      await row.waitFor();
      expect(await row.innerText()).toMatch(/Seaside Roastery[\s\S]*days[\s\S]*Escalated/);
      expect(await row.innerText()).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
      await expectAccessible(page);
      // The list scrolls inside its own frame; it never widens the page.
      const box = await section.boundingBox();
      expect((box?.x ?? 0) + (box?.width ?? Number.POSITIVE_INFINITY)).toBeLessThanOrEqual(width);
      await page.context().close();
    });
  }

  it("puts the late order in the service owner's My day, and shows them no late-orders list", async () => {
    const page = await signIn(browser, baseUrl, 'service');
    await page.setViewportSize({ width: 390, height: 844 });
    await followMainNavLink(page, 'My day');
    await page.getByRole('heading', { level: 1, name: 'My day' }).waitFor();
    const task = page.getByTestId('touch-row').filter({ hasText: `Order ${orderNumber} for Seaside Roastery has not shipped` });
    await task.waitFor();
    expect(await page.getByTestId('group-overdue').getByTestId('touch-row').filter({ hasText: orderNumber }).count()).toBe(1);
    await expectAccessible(page);
    await followMainNavLink(page, 'Service');
    await page.getByRole('heading', { level: 1, name: 'Service' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('region', { name: 'Late orders' }).count()).toBe(0);
    await page.context().close();
  });
});
