import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainPlaybookEvents } from '../helpers/playbook-events.ts';
import { expectAccessible, followMainNavLink, launchChromium, serveOnLoopback, signIn } from '../helpers/browser.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

// A manager opens Team load, sees that Sam has more planned on a day than Sam can do, previews the
// rebalance, confirms it, and the day fits: the calls promised for that day stay on it.

let t: TestApp;
let browser: Browser;
let baseUrl: string;
const shots = process.env.AFTERCLOSE_SCREENSHOTS;
const links = { publicUrl: 'http://app.test', secret: 'test-secret-for-links' };

beforeAll(async () => {
  t = await startTestApp();
  await t.db.updateTable('playbooks').set({ enabled: false }).execute();
  const steps = [
    { key: 'promised_call', kind: 'task', touch_kind: 'call', window_days: 0, offset_days: 1, subject: 'Call back as promised' },
    { key: 'card', kind: 'task', touch_kind: 'card', window_days: 3, offset_days: 1, subject: 'Write a thank-you card' },
    { key: 'check_in', kind: 'task', touch_kind: 'check_in', window_days: 10, offset_days: 1, subject: 'Check in on the delivery' },
  ];
  expect((await t.as('manager')('POST', '/api/v1/playbooks', { name: 'After the sale', trigger: 'deal_won', steps })).statusCode).toBe(201);
  for (const name of ['Tiles & Co', 'Taps Ltd']) {
    const account = (await t.as('sales')('POST', '/api/v1/accounts', { name, owner_id: t.userIds.sales })).json();
    const deal = (await t.as('sales')('POST', '/api/v1/deals', { account_id: account.id, title: name, value: 900 })).json();
    await t.as('sales')('POST', `/api/v1/deals/${deal.id}/win`);
  }
  await drainPlaybookEvents(t.db, links);
  // Six tasks were planned on one day at 12 a day; now Sam takes two.
  expect((await t.as('admin')('PATCH', `/api/v1/users/${t.userIds.sales}`, { touches_per_day: 2 })).statusCode).toBe(200);
  baseUrl = await serveOnLoopback(t.app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t.close();
});

const samsTasksPerDay = async () => {
  const rows = await t.db.selectFrom('touches').select(['due_at']).where('assignee_id', '=', t.userIds.sales).where('status', '=', 'planned').execute();
  const perDay = new Map<string, number>();
  for (const r of rows) perDay.set(r.due_at?.toISOString().slice(0, 10) ?? '', (perDay.get(r.due_at?.toISOString().slice(0, 10) ?? '') ?? 0) + 1);
  return [...perDay.values()];
};

describe('team load in the web app', () => {
  it('shows a manager the overflow and rebalances it in one click after a preview', async () => {
    const page = await signIn(browser, baseUrl, 'manager');
    await page.setViewportSize({ width: 1440, height: 900 });
    await followMainNavLink(page, 'Team load');
    await page.getByRole('heading', { level: 1, name: 'Team load' }).waitFor();
    const sam = page.getByTestId('person-load').filter({ hasText: 'Sam Sales' });
    expect(await sam.getByTestId('person-overflow').innerText()).toBe('4 touches over on 1 day');
    const overDay = sam.locator('[data-testid="day-load"][data-state="over"]');
    expect(await overDay.count()).toBe(1);
    expect(await overDay.innerText()).toContain('6/2');
    await expectAccessible(page);
    if (shots) await page.screenshot({ path: `${shots}/team-load-1440.png`, fullPage: true });

    await page.getByRole('button', { name: 'Rebalance' }).click();
    const preview = page.getByTestId('rebalance-preview');
    await preview.waitFor();
    expect(await preview.innerText()).toContain('4 tasks that can wait move');
    expect(await preview.getByRole('listitem').count()).toBe(4);
    // The preview moved nothing.
    expect((await samsTasksPerDay()).sort()).toEqual([6]);
    await expectAccessible(page);
    if (shots) await page.screenshot({ path: `${shots}/team-load-preview-1440.png` });
    await page.getByRole('button', { name: 'Move 4 tasks' }).click();

    await page.getByTestId('rebalance-result').filter({ hasText: 'Moved 4 tasks to days with room. No one is over capacity now.' }).waitFor();
    await sam.getByText('Within capacity').waitFor();
    expect(await sam.locator('[data-state="over"]').count()).toBe(0);
    expect(Math.max(...(await samsTasksPerDay()))).toBe(2);
    expect(await t.db.selectFrom('events').select('id').where('type', '=', 'touch.rebalanced').execute()).toHaveLength(4);
    await expect(page.getByRole('button', { name: 'Rebalance' }).isDisabled()).resolves.toBe(true);
    await page.context().close();
  });

  it('fits a phone: nothing on the page reaches past 390 px', async () => {
    const page = await signIn(browser, baseUrl, 'admin');
    await page.setViewportSize({ width: 390, height: 900 });
    await page.goto(`${baseUrl}/team-load`);
    await page.getByTestId('person-load').first().waitFor();
    const wider = await page.evaluate(() =>
      [...document.querySelectorAll('main *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map((e) => e.tagName),
    );
    expect(wider).toEqual([]);
    await expectAccessible(page);
    if (shots) await page.screenshot({ path: `${shots}/team-load-390.png`, fullPage: true });
    await page.context().close();
  });

  it('is not in the navigation of a salesperson', async () => {
    const page = await signIn(browser, baseUrl, 'sales');
    await page.goto(`${baseUrl}/team-load`);
    await page.getByText('Managers see the team’s load').waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team load' }).count()).toBe(0);
    await page.context().close();
  });
});
