import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchChromium, mainNavLink, serveOnLoopback, signIn } from '../helpers/browser.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let browser: Browser;
let baseUrl: string;
const shots = process.env.AFTERCLOSE_SCREENSHOTS;

beforeAll(async () => {
  t = await startTestApp();
  baseUrl = await serveOnLoopback(t.app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t.close();
});

describe('capacity and time away in the web app', () => {
  it('lets an admin change a person capacity on the Users page', async () => {
    const page = await signIn(browser, baseUrl, 'admin');
    await mainNavLink(page, 'Users').click();
    const row = page.getByTestId('user-row').filter({ hasText: 'Sam Sales' });
    expect(await row.innerText()).toContain('12 touches a day, Mon–Fri, 09:00–17:00');
    await row.getByRole('button', { name: 'Change capacity of Sam Sales' }).click();
    const panel = page.getByTestId('capacity-panel');
    await panel.getByLabel('Touches per working day').fill('8');
    await panel.getByLabel('Friday').uncheck();
    await expectAccessible(page);
    if (shots) await page.screenshot({ path: `${shots}/capacity-1440.png`, fullPage: true });
    await panel.getByRole('button', { name: 'Save capacity' }).click();
    await page.getByTestId('people-notice').filter({ hasText: 'now takes 8 touches a day, Mon–Thu' }).waitFor();
    const sam = await t.db.selectFrom('users').select(['touches_per_day', 'working_days']).where('id', '=', t.userIds.sales).executeTakeFirstOrThrow();
    expect(sam).toEqual({ touches_per_day: 8, working_days: [1, 2, 3, 4] });
  });

  it('shows a person their capacity and lets them say when they are away', async () => {
    const page = await signIn(browser, baseUrl, 'service');
    await page.goto(`${baseUrl}/profile`);
    await page.getByTestId('my-capacity').getByText('20 touches a day').waitFor();
    const away = page.getByTestId('time-away');
    await away.getByLabel('First day away').fill('2030-08-05');
    await away.getByLabel('Last day away').fill('2030-08-09');
    // Nobody else is in service here, so a backup must be named.
    await away.getByRole('button', { name: 'Save time away' }).click();
    await away.getByText('name a backup').waitFor();
    await away.getByLabel('Backup (optional)').selectOption({ label: 'Max Manager' });
    await away.getByRole('button', { name: 'Save time away' }).click();
    await away.getByText('Time away saved').waitFor();
    await expectAccessible(page);
    if (shots) await page.screenshot({ path: `${shots}/profile-1440.png`, fullPage: true });
    const me = await t.db.selectFrom('users').select(['away_from', 'away_until', 'away_backup_id']).where('id', '=', t.userIds.service).executeTakeFirstOrThrow();
    expect(me).toEqual({ away_from: '2030-08-05', away_until: '2030-08-09', away_backup_id: t.userIds.manager });
    await page.context().close();
  });

  it('fits a phone: nothing on the profile reaches past 390 px', async () => {
    const page = await signIn(browser, baseUrl, 'service');
    await page.setViewportSize({ width: 390, height: 900 });
    await page.goto(`${baseUrl}/profile`);
    await page.getByTestId('time-away').waitFor();
    // The page's own content; the shell's header is the shell's concern.
    const wider = await page.evaluate(() =>
      [...document.querySelectorAll('main *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map((e) => e.tagName),
    );
    expect(wider).toEqual([]);
    await expectAccessible(page);
    if (shots) await page.screenshot({ path: `${shots}/profile-390.png`, fullPage: true });
    await page.context().close();
  });

  it('shows in the playbook editor how many working days a task may move', async () => {
    const page = await signIn(browser, baseUrl, 'manager');
    await mainNavLink(page, 'Playbooks').click();
    await page.getByRole('link', { name: 'Attention gap' }).click();
    await page.getByRole('heading', { level: 1, name: 'Attention gap' }).waitFor();
    expect(await page.getByLabel('May move (working days)').inputValue()).toBe('10');
    await expectAccessible(page);
    if (shots) await page.screenshot({ path: `${shots}/playbook-1440.png`, fullPage: true });
    await page.context().close();
  });
});
