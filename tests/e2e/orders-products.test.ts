import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchChromium, mainNavLink, serveOnLoopback, signIn } from '../helpers/browser.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let browser: Browser;
let baseUrl: string;
let accountId: string;
let firstOrder: string;

beforeAll(async () => {
  t = await startTestApp();
  const sales = t.as('sales');
  const beans = (await t.as('manager')('POST', '/api/v1/products', { sku: 'BEAN-1KG', name: 'Espresso beans 1 kg', price: 24.5, tags: ['coffee'] })).json();
  accountId = (await sales('POST', '/api/v1/accounts', { name: 'Brew Bar', owner_id: t.userIds.sales, interests: ['espresso', 'milk'] })).json().id;
  firstOrder = (
    await sales('POST', '/api/v1/orders', {
      account_id: accountId,
      number: 'A-1001',
      billing: { company: 'Brew Bar Oy', vat: 'FI1234' },
      lines: [
        { product_id: beans.id, quantity: 4, specs: { grind: 'fine' } },
        { description: 'Delivery', quantity: 1, unit_price: 9.9 },
      ],
    })
  ).json().id;
  await sales('POST', '/api/v1/accounts', { name: 'Tea House', interests: ['tea'], lifecycle: 'customer' });
  baseUrl = await serveOnLoopback(t.app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t.close();
});

describe('orders and products in the web app', () => {
  it('lists an account’s orders with lines and specs, and reorders after showing what will be ordered', async () => {
    const page = await signIn(browser, baseUrl, 'sales');
    await page.goto(`${baseUrl}/accounts/${accountId}`);
    const orders = page.getByTestId('account-orders');
    await orders.getByText('A-1001', { exact: true }).click();
    await orders.getByText('grind: fine').waitFor();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Reorder A-1001' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reorder A-1001?' });
    await dialog.getByText('Espresso beans 1 kg').waitFor();
    const shown = await dialog.innerText();
    expect(shown).toMatch(/grind: fine[\s\S]*Delivery[\s\S]*Billed to:/);
    expect(shown).toContain('company: Brew Bar Oy');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Place the order' }).click();
    await page.getByTestId('reorder-placed').waitFor();
    await expect.poll(() => page.getByTestId('order').count()).toBe(2);
    const placed = await t.db.selectFrom('orders').select(['reorder_of']).where('account_id', '=', accountId).where('reorder_of', 'is not', null).execute();
    expect(placed).toEqual([{ reorder_of: firstOrder }]);
    await page.context().close();
  });

  it('lets a manager create, edit and launch a product after previewing who hears about it; sales only read', async () => {
    const page = await signIn(browser, baseUrl, 'manager');
    await mainNavLink(page, 'Products').click();
    await page.getByRole('heading', { level: 1, name: 'Products' }).waitFor();
    await page.getByRole('button', { name: 'New product' }).click();
    const form = page.getByRole('dialog', { name: 'New product' });
    await form.getByLabel('Name').fill('Milk jug');
    await form.getByLabel('SKU').fill('JUG-1');
    await form.getByLabel('Price').fill('19');
    await form.getByLabel('Tags').fill('Milk, barista');
    await expectAccessible(page);
    await form.getByRole('button', { name: 'Create product' }).click();
    const row = page.getByTestId('product-row').filter({ hasText: 'Milk jug' });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/€19[\s\S]*milk[\s\S]*barista[\s\S]*Not yet/);

    await page.getByRole('button', { name: 'Edit Milk jug' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Milk jug' });
    await edit.getByLabel('Price').fill('21');
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => row.innerText()).toMatch(/€21/);

    await page.getByRole('button', { name: 'Launch Milk jug' }).click();
    const launch = page.getByRole('dialog', { name: 'Launch Milk jug?' });
    await launch.getByTestId('launch-recipients').getByText('Brew Bar').waitFor();
    expect(await launch.getByTestId('launch-reach').innerText()).toContain('goes to 1 customer');
    expect(await launch.innerText()).not.toContain('Tea House');
    await expectAccessible(page);
    await launch.getByRole('button', { name: 'Launch and announce' }).click();
    await page.getByText('Milk jug launched').first().waitFor();
    await expect.poll(() => row.innerText()).not.toContain('Not yet');
    await page.context().close();

    const sales = await signIn(browser, baseUrl, 'sales');
    await mainNavLink(sales, 'Products').click();
    await sales.getByTestId('product-row').filter({ hasText: 'Milk jug' }).waitFor();
    expect(await sales.getByRole('button', { name: 'New product' }).count()).toBe(0);
    expect(await sales.getByRole('button', { name: 'Launch Milk jug' }).count()).toBe(0);
    await expectAccessible(sales);
    await sales.context().close();
  });
});
