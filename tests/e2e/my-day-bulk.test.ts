import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { now } from '../../src/platform/clock.ts';
import { expectAccessible, launchChromium, serveOnLoopback, signIn } from '../helpers/browser.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  t = await startTestApp();
  const api = t.as('sales');
  const dueNow = now().toISOString();
  const earlier = new Date(now().getTime() - 3 * 86_400_000).toISOString();
  for (const name of ['Alder Mill', 'Birch Bakery']) {
    const account = (await api('POST', '/api/v1/accounts', { name, owner_id: t.userIds.sales, lifecycle: 'customer' })).json();
    await api('POST', '/api/v1/touches', { account_id: account.id, kind: 'call', subject: `Call ${name}`, due_at: dueNow });
    await api('POST', '/api/v1/touches', { account_id: account.id, kind: 'email', subject: `Write to ${name}`, due_at: dueNow });
    await api('POST', '/api/v1/touches', { account_id: account.id, kind: 'task', subject: `Chase ${name}`, due_at: earlier });
  }
  baseUrl = await serveOnLoopback(t.app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t.close();
});

describe('My day at scale', () => {
  it('snoozes two selected touches in one go, groups by account, and the section counts follow', async () => {
    const page = await signIn(browser, baseUrl, 'sales');
    await page.goto(`${baseUrl}/my-day`);
    const today = page.getByTestId('group-today');
    const overdue = page.getByTestId('group-overdue');
    await today.getByRole('heading', { level: 2, name: /Today\s*4/ }).waitFor();
    expect(await overdue.getByRole('heading', { level: 2 }).innerText()).toMatch(/Overdue\s*2/);

    await page.getByRole('checkbox', { name: 'Select “Call Alder Mill” (Alder Mill)' }).check();
    await page.getByRole('checkbox', { name: 'Select “Write to Birch Bakery” (Birch Bakery)' }).check();
    const bar = page.getByRole('region', { name: 'Selected touches' });
    expect(await bar.getByRole('status').innerText()).toBe('2 selected');
    await expectAccessible(page);
    await bar.getByLabel('Snooze until').fill('2099-06-03');
    await bar.getByRole('button', { name: 'Snooze' }).click();
    await today.getByRole('heading', { level: 2, name: /Today\s*2/ }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Snoozed 2 touches.' }).waitFor({ state: 'attached' });
    expect(await bar.count()).toBe(0);
    const rows = await t.db.selectFrom('touches').select(['subject', 'due_at']).where('due_at', '>', new Date('2099-01-01')).orderBy('subject').execute();
    expect(rows.map((r) => r.subject)).toEqual(['Call Alder Mill', 'Write to Birch Bakery']);

    await overdue.getByLabel('Select all overdue').check();
    expect(await bar.getByRole('status').innerText()).toBe('2 selected');
    await bar.getByRole('button', { name: 'Skip all 2' }).click();
    await overdue.getByRole('heading', { level: 2, name: /Overdue\s*0/ }).waitFor();

    await page.getByLabel('Group by account').check();
    // Both accounts' touches are due at the same moment, so which account comes first is open.
    const accounts = (await today.locator('.touch-account__name').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ')).sort();
    expect(accounts).toEqual(['Alder Mill 1', 'Birch Bakery 1']);
    await expectAccessible(page);
    await page.close();
  });
});
