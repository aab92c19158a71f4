import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchChromium, serveOnLoopback, signIn } from '../helpers/browser.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  t = await startTestApp();
  const sales = t.as('sales');
  const account = (await sales('POST', '/api/v1/accounts', { name: 'Brew Bros', owner_id: t.userIds.sales, service_owner_id: t.userIds.service })).json();
  await sales('POST', '/api/v1/contacts', { account_id: account.id, name: 'Bea Brew', email: 'bea@brew.example', newsletter_consent: true });
  const deal = (await sales('POST', '/api/v1/deals', { account_id: account.id, title: 'Grinders', value: 3000 })).json();
  await sales('POST', `/api/v1/deals/${deal.id}/win`);
  baseUrl = await serveOnLoopback(t.app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t.close();
});

describe('simulating the playbooks in the web app', () => {
  it('a manager switches a playbook off and compares both programs on the same history, nothing saved', async () => {
    const page = await signIn(browser, baseUrl, 'manager');
    await page.goto(`${baseUrl}/playbooks`);
    await page.getByRole('link', { name: 'Simulate on past events' }).click();
    await page.getByRole('heading', { level: 1, name: 'Simulate the program' }).waitFor();
    await page.getByLabel(/Welcome a new customer/).uncheck();
    await page.getByLabel('Change the timing of a playbook’s steps').selectOption({ label: 'Stay in touch' });
    // The page asks for the streamed answer, which shows "week N of M" while a long replay runs.
    const streamed = page.waitForResponse((r) => r.url().endsWith('/api/v1/playbooks/simulations?format=ndjson'));
    await page.getByRole('button', { name: 'Compare current and edited' }).click({ timeout: 20_000 });
    expect((await streamed).headers()['content-type']).toContain('application/x-ndjson');
    const summary = page.getByTestId('simulation-summary');
    await summary.waitFor({ timeout: 30_000 });
    const touches = await summary.getByRole('row', { name: /Touches planned/ }).getByRole('cell').allInnerTexts();
    expect(Number(touches[0])).toBeGreaterThan(Number(touches[1]));
    expect(await page.getByTestId('simulation-results').innerText()).toContain('Tasks per person: current against edited');
    await expectAccessible(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    const phone = await signIn(browser, baseUrl, 'admin');
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${baseUrl}/playbooks/simulate`);
    await phone.getByRole('button', { name: 'Simulate the current program' }).click({ timeout: 20_000 });
    await phone.getByTestId('simulation-summary').waitFor({ timeout: 30_000 });
    // Only this page's own content is checked: the shell's top bar at 390 px is another matter.
    const widerThanPhone = await phone.evaluate(() => [...document.querySelectorAll('#main *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !e.closest('.heatmap-wrap table')).length);
    expect(widerThanPhone).toBe(0);

    const playbooks = (await t.as('manager')('GET', '/api/v1/playbooks')).json().items as { key: string; enabled: boolean }[];
    expect(playbooks.find((p) => p.key === 'welcome')?.enabled).toBe(true);
    expect(await t.db.selectFrom('playbook_runs').select('id').execute()).toEqual([]);
  });
});
