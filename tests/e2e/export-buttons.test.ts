import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, serveOnLoopback, signIn } from '../helpers/browser.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  t = await startTestApp();
  await t.as('manager')('POST', '/api/v1/accounts', { name: 'Export Button Co' });
  baseUrl = await serveOnLoopback(t.app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t.close();
});

describe('export buttons', () => {
  it('give managers the list as it is filtered, and are not offered to sales', async () => {
    const manager = await signIn(browser, baseUrl, 'manager');
    await manager.goto(`${baseUrl}/accounts?q=button`);
    const accounts = manager.getByRole('link', { name: 'Export these accounts' });
    expect(await accounts.getAttribute('href')).toBe('/api/v1/exports/accounts.csv?q=button');
    const download = manager.waitForEvent('download');
    await accounts.click();
    expect((await download).suggestedFilename()).toMatch(/^afterclose-accounts-\d{4}-\d{2}-\d{2}\.csv$/);
    const everyFilter = 'q=button&sort=health&segment=champions&health=at_risk&tag=vip&no_next_touch=true';
    await manager.goto(`${baseUrl}/accounts?${everyFilter}`);
    expect(await accounts.getAttribute('href')).toBe(`/api/v1/exports/accounts.csv?${everyFilter}`);
    expect((await manager.request.get(`${baseUrl}/api/v1/exports/accounts.csv?${everyFilter}`)).status()).toBe(200);

    await manager.goto(`${baseUrl}/service`);
    await manager.getByLabel('Show').selectOption('breached');
    expect(await manager.getByRole('link', { name: 'Export these issues' }).getAttribute('href')).toBe('/api/v1/exports/issues.csv?sla=breached');
    await manager.goto(`${baseUrl}/referrals`);
    await manager.getByRole('link', { name: 'Export referrals' }).waitFor();
    await manager.close();

    const sales = await signIn(browser, baseUrl, 'sales');
    await sales.goto(`${baseUrl}/accounts`);
    await sales.getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();
    expect(await sales.locator('a[href^="/api/v1/exports"]').count()).toBe(0);
    await sales.goto(`${baseUrl}/my-day`);
    await sales.getByRole('heading', { level: 1, name: 'My day' }).waitFor();
    expect(await sales.locator('a[href^="/api/v1/exports"]').count()).toBe(0);
    await sales.close();
  });
});
