import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, now } from '../../src/platform/clock.ts';
import { expectAccessible, launchChromium, serveOnLoopback } from '../helpers/browser.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import { testPassword, testUsers } from '../helpers/test-users.ts';

let t: TestApp;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  t = await startTestApp();
  const api = t.as('sales');
  const account = (await api('POST', '/api/v1/accounts', { name: 'Lumen Optics', owner_id: t.userIds.sales })).json();
  await api('POST', '/api/v1/deals', {
    account_id: account.id,
    title: 'Lens subscription',
    value: 4800,
    stage: 'proposal',
    next_step: { kind: 'meeting', assignee_id: t.userIds.sales, due_at: addDays(now(), 3).toISOString() },
  });
  await api('POST', '/api/v1/deals', { account_id: account.id, title: 'Forgotten upsell', value: 1200, stage: 'qualified' });
  await api('POST', '/api/v1/touches/log', { account_id: account.id, kind: 'note', subject: 'Met the buyer at the trade fair' });
  baseUrl = await serveOnLoopback(t.app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t.close();
});


describe('web app', () => {
  it('logs in, opens an account with its timeline, and shows the pipeline with next steps and stalled deals', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/pipeline`);
    await page.getByLabel('Email').waitFor();
    await expectAccessible(page);

    await page.getByLabel('Email').fill(testUsers.sales.email);
    await page.getByLabel('Password').fill(testPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();
    await expectAccessible(page);

    await page.getByLabel('Search accounts').fill('lumen');
    await page.getByRole('link', { name: 'Lumen Optics' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lumen Optics' }).waitFor();
    await expect.poll(() => page.getByTestId('timeline-item').count()).toBeGreaterThanOrEqual(3);
    expect(await page.getByTestId('timeline').innerText()).toContain('Met the buyer at the trade fair');
    await expectAccessible(page);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pipeline' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pipeline' }).waitFor();
    const healthy = page.getByTestId('deal-card').filter({ hasText: 'Lens subscription' });
    await healthy.waitFor();
    expect(await healthy.getByTestId('next-step').innerText()).toMatch(/Next step: Meeting/);
    expect(await healthy.getByTestId('stalled-badge').count()).toBe(0);
    const stalled = page.getByTestId('deal-card').filter({ hasText: 'Forgotten upsell' });
    expect(await stalled.getByTestId('next-step').innerText()).toContain('No next step');
    expect(await stalled.getByTestId('stalled-badge').innerText()).toMatch(/Stalled/);
    await expectAccessible(page);
    await context.close();
  });
});
