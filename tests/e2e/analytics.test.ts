import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertBuyingCustomers } from '../../src/modules/analytics/index.ts';
import { scoreAccounts } from '../../src/modules/analytics/index.ts';
import { pinClock } from '../../src/platform/clock.ts';
import { expectAccessible, launchChromium, serveOnLoopback, signIn } from '../helpers/browser.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  pinClock('2026-06-01T08:00:00Z');
  t = await startTestApp();
  await insertBuyingCustomers(t.db, { customers: 300, asOf: '2026-05-31', historyDays: 730, seed: 11 });
  await scoreAccounts(t.db, { asOf: '2026-05-31' });
  pinClock(null);
  baseUrl = await serveOnLoopback(t.app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t.close();
});


describe('analytics in the web app', () => {
  it('shows the RFM grid, charts and slipping customers, and an account explains its health', async () => {
    const page = await signIn(browser, baseUrl, 'manager');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Analytics' }).click();
    await page.getByRole('heading', { level: 1, name: 'Analytics' }).waitFor();
    await page.getByTestId('rfm-grid').waitFor();
    await page.getByTestId('slipping-accounts').waitFor();
    await page.getByRole('heading', { name: 'Retention by cohort' }).waitFor();
    await expect.poll(() => page.locator('.recharts-wrapper').count()).toBe(2);
    await expectAccessible(page);

    // The measure toggle is a radio group: arrow keys move between its options.
    await page.getByRole('radio', { name: 'Customers' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('radio', { name: 'Revenue' }).isChecked()).toBe(true);

    const first = page.getByTestId('slipping-accounts').getByRole('link').first();
    const name = await first.innerText();
    await first.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name }).waitFor();
    const panel = page.getByTestId('account-score');
    await panel.getByTestId('health-factors').waitFor();
    expect(await panel.innerText()).toMatch(/Late/);
    // Six factors: late orders is listed too, and counts only while an order is late.
    expect(await panel.getByTestId('health-factors').getByRole('listitem').count()).toBe(6);
    await expectAccessible(page);
    await page.context().close();
  });

  it('queues a scoring run from the page and says so under the actions, which stay on one line', async () => {
    const page = await signIn(browser, baseUrl, 'manager');
    await page.goto(`${baseUrl}/analytics`);
    const exportLink = page.getByRole('link', { name: 'Export scores' });
    const scoreButton = page.getByRole('button', { name: 'Score now' });
    await scoreButton.waitFor();
    const tops = async () => [(await exportLink.boundingBox())?.y, (await scoreButton.boundingBox())?.y];
    const [exportTop, scoreTop] = await tops();
    expect(exportTop).toBe(scoreTop);
    await scoreButton.click();
    await page.getByRole('status').filter({ hasText: /^Scoring as of \d{4}-\d{2}-\d{2} is queued; reload in a minute/ }).waitFor();
    // The message wraps under the actions instead of widening them: neither moves sideways.
    expect((await exportLink.boundingBox())?.x).toBeGreaterThan(600);
    const [exportAfter, scoreAfter] = await tops();
    expect(exportAfter).toBe(scoreAfter);
    await expectAccessible(page);
    await page.context().close();
  });
});
