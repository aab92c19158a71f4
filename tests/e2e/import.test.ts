import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchChromium, mainNavLink, serveOnLoopback, signIn } from '../helpers/browser.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  t = await startTestApp();
  baseUrl = await serveOnLoopback(t.app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t.close();
});



describe('importing in the web app', () => {
  it('uploads a CSV with its own column names, maps them, and shows the report with the failed rows', async () => {
    const page = await signIn(browser, baseUrl, 'manager');

    await mainNavLink(page, 'Import').click();
    await page.getByRole('heading', { level: 1, name: 'Import' }).waitFor();
    await expectAccessible(page);
    const csv = 'Customer number;Company;Segment\nK-1;Lindqvist Bakery;prospect\nK-2;Oak & Iron;customer\nK-3;;customer\n';
    await page.getByLabel('CSV file').setInputFiles({ name: 'crm-export.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByLabel('external_id *').selectOption('Customer number');
    await page.getByLabel('name *').selectOption('Company');
    await page.getByLabel('lifecycle').selectOption('Segment');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Import' }).click();

    const report = page.getByTestId('import-report').filter({ hasText: 'crm-export.csv' }).first();
    await report.waitFor();
    expect(await report.getByTestId('report-inserted').innerText()).toBe('2');
    expect(await report.getByTestId('report-failed').innerText()).toBe('1');
    const download = report.getByRole('link', { name: /Download the 1 failed rows/ });
    const href = await download.getAttribute('href');
    const failed = await page.evaluate(async (url) => (await fetch(url ?? '')).text(), href);
    expect(failed).toContain('4,name: is empty,K-3,,customer');
    await expectAccessible(page);
    const stored = await t.db.selectFrom('accounts').select(['name', 'lifecycle']).where('external_id', 'in', ['K-1', 'K-2']).orderBy('external_id').execute();
    expect(stored).toEqual([{ name: 'Lindqvist Bakery', lifecycle: 'prospect' }, { name: 'Oak & Iron', lifecycle: 'customer' }]);

    await mainNavLink(page, 'Webhooks').click();
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    await page.getByLabel('Receiver URL').fill('http://127.0.0.1:9/hooks');
    await page.getByRole('button', { name: 'Add subscription' }).click();
    await page.getByTestId('webhook-secret').waitFor();
    await page.getByTestId('subscription').filter({ hasText: '127.0.0.1:9' }).getByText('No deliveries yet.').waitFor();
    await expectAccessible(page);

    await mainNavLink(page, 'Settings').click();
    await page.getByRole('button', { name: 'Create calendar link' }).click();
    const link = await page.getByLabel(/Your calendar link/).inputValue();
    expect(link).toMatch(/\/calendar\/acal_[\w-]+\.ics$/);
    expect((await page.request.get(link)).status()).toBe(200);
    await expectAccessible(page);
    await page.context().close();
  }, 60_000);
});
