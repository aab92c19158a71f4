import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, now } from '../../src/platform/clock.ts';
import { expectAccessible, followMainNavLink, launchChromium, serveOnLoopback, signIn } from '../helpers/browser.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let browser: Browser;
let baseUrl: string;
let accountId: string;
let lateOrder: { id: string; number: string };

const dayIn = (days: number) => addDays(now(), days).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await startTestApp();
  const sales = t.as('sales');
  accountId = (await sales('POST', '/api/v1/accounts', { name: 'Dockside Deli', owner_id: t.userIds.sales, service_owner_id: t.userIds.service, lifecycle: 'customer' })).json().id;
  const order = (days: number) => sales('POST', '/api/v1/orders', { account_id: accountId, placed_at: addDays(now(), -days).toISOString(), lines: [{ description: 'Cold brew kit', unit_price: 40, quantity: 2 }] });
  lateOrder = (await order(14)).json();
  // One order shipped a day after it was placed: the shipping times have something to say.
  const shipped = (await order(10)).json();
  await t.db.updateTable('orders').set({ status: 'shipped', shipped_at: addDays(now(), -9) }).where('id', '=', shipped.id).execute();
  baseUrl = await serveOnLoopback(t.app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t.close();
});

describe('fulfilment in the web app', () => {
  it('lets the service owner give a late order its new ship date from the account page', async () => {
    const page = await signIn(browser, baseUrl, 'service');
    await page.goto(`${baseUrl}/accounts/${accountId}`);
    const row = page.getByTestId('order').filter({ hasText: lateOrder.number });
    await row.getByText('Late').waitFor();
    await row.getByText(lateOrder.number, { exact: true }).click();
    await row.getByLabel(`Order ${lateOrder.number} now ships by`).fill(dayIn(3));
    await expectAccessible(page);
    await row.getByRole('button', { name: 'Save date' }).click();
    await row.getByRole('status').filter({ hasText: 'Now expected' }).waitFor();
    const stored = await t.db.selectFrom('orders').select('expected_ship_on').where('id', '=', lateOrder.id).executeTakeFirstOrThrow();
    expect(stored.expected_ship_on).toBe(dayIn(3));
    await row.getByText(/now by/).waitFor();
    await page.context().close();
  });

  for (const width of [1440, 390]) {
    it(`shows a manager how fast orders ship and lets them change the promise, at ${width} px`, async () => {
      const page = await signIn(browser, baseUrl, 'manager');
      await page.setViewportSize({ width, height: 900 });
      await followMainNavLink(page, 'Service');
      const times = page.getByTestId('shipping-times');
      await times.getByRole('table', { name: 'Per week' }).waitFor();
      expect(await times.getByRole('table', { name: 'Per person responsible' }).innerText()).toMatch(/Sam Service|Service/);
      expect(await times.getByRole('table', { name: 'Per week' }).innerText()).toMatch(/24 h/);
      await expectAccessible(page);

      await followMainNavLink(page, 'Settings');
      await page.getByLabel(/Ship within/).fill('1');
      await page.getByRole('button', { name: 'Save shipping promise' }).click();
      await page.getByRole('status').filter({ hasText: 'ship within 1 working day' }).waitFor();
      await page.getByLabel(/Ship within/).fill('99');
      await page.getByRole('button', { name: 'Save shipping promise' }).click();
      await page.getByRole('alert').filter({ hasText: 'The shipping promise was not saved' }).waitFor();
      expect(await page.getByLabel(/Ship within/).getAttribute('aria-invalid')).toBe('true');
      await expectAccessible(page);
      const settings = await t.db.selectFrom('fulfilment_settings').select('promise_working_days').executeTakeFirstOrThrow();
      expect(settings.promise_working_days).toBe(1);

      // A key account ships the same day: found by name, listed, then removed again.
      await page.getByLabel('Find the account').fill('Dockside');
      await page.getByLabel('Account', { exact: true }).selectOption({ label: 'Dockside Deli' });
      await page.getByLabel(/^Ships within/).fill('0');
      await page.getByRole('button', { name: 'Add promise' }).click();
      const own = page.getByTestId('own-promises');
      await own.getByText(/Dockside Deli.*ships the same working day/).waitFor();
      expect(await t.db.selectFrom('account_fulfilment_promises').select('working_days').where('account_id', '=', accountId).execute()).toEqual([{ working_days: 0 }]);
      await expectAccessible(page);
      await own.getByRole('button', { name: 'Remove the promise of Dockside Deli' }).click();
      await page.getByText("None: every order gets the company's promise.").waitFor();
      await page.context().close();
    });
  }
});
