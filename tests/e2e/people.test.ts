import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchChromium, mainNavLink, serveOnLoopback, signIn } from '../helpers/browser.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let browser: Browser;
let baseUrl: string;
let accountId: string;

const ritaPassword = 'harbour-first-pass-2026';

beforeAll(async () => {
  t = await startTestApp();
  accountId = (await t.as('admin')('POST', '/api/v1/accounts', { name: 'Harbor Supplies', lifecycle: 'customer' })).json().id;
  baseUrl = await serveOnLoopback(t.app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t.close();
});

describe('people in the web app', () => {
  it('lets an admin add a user, change the role, and deactivate them handing their touches to a colleague', async () => {
    const page = await signIn(browser, baseUrl, 'admin');
    await mainNavLink(page, 'Users').click();
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();

    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByLabel('Name').fill('Rita Rep');
    await page.getByLabel('Email').fill('rita@test.example');
    await page.getByLabel('Role', { exact: true }).selectOption('sales');
    await page.getByLabel('First password').fill(ritaPassword);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByTestId('people-notice').filter({ hasText: 'Rita Rep is added' }).waitFor();

    const rita = await t.db.selectFrom('users').select('id').where('email', '=', 'rita@test.example').executeTakeFirstOrThrow();
    for (const subject of ['Call about the invoice', 'Send the new catalogue']) {
      const res = await t.as('admin')('POST', '/api/v1/touches', { account_id: accountId, kind: 'call', subject, assignee_id: rita.id, due_at: '2030-01-15T09:00:00Z' });
      expect(res.statusCode).toBe(201);
    }
    await page.reload();
    const row = page.getByTestId('user-row').filter({ hasText: 'Rita Rep' });
    expect(await row.innerText()).toContain('2');

    await page.getByLabel('Role of Rita Rep').selectOption('service');
    await page.getByTestId('people-notice').filter({ hasText: 'Rita Rep is now Service' }).waitFor();

    await row.getByRole('button', { name: 'Deactivate… Rita Rep' }).click();
    const panel = page.getByTestId('deactivate-panel');
    await panel.getByLabel('Who takes over their 2 planned touches?').selectOption({ label: 'Max Manager' });
    await expectAccessible(page);
    await panel.getByRole('button', { name: 'Deactivate Rita Rep' }).click();
    await page.getByTestId('people-notice').filter({ hasText: 'Max Manager now has their 2 planned touches' }).waitFor();
    await row.getByText('Deactivated').waitFor();

    const touches = await t.db.selectFrom('touches').select('assignee_id').where('account_id', '=', accountId).where('status', '=', 'planned').execute();
    expect(touches.map((touch) => touch.assignee_id)).toEqual([t.userIds.manager, t.userIds.manager]);
    const rows = await t.db.selectFrom('users').select(['role', 'active']).where('id', '=', rita.id).executeTakeFirstOrThrow();
    expect(rows).toEqual({ role: 'service', active: false });

    const ritaPage = await (await browser.newContext()).newPage();
    await ritaPage.goto(`${baseUrl}/login`);
    await ritaPage.getByLabel('Email').fill('rita@test.example');
    await ritaPage.getByLabel('Password').fill(ritaPassword);
    await ritaPage.getByRole('button', { name: 'Sign in' }).click();
    await ritaPage.getByText('Email or password is wrong').waitFor();
    expect(ritaPage.url()).toContain('/login');
  });

  it('sends someone an admin added to choose their own password before anything else', async () => {
    const added = await t.as('admin')('POST', '/api/v1/users', { email: 'theo@test.example', name: 'Theo Trainee', role: 'sales', password: ritaPassword });
    expect(added.statusCode).toBe(201);
    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(5000);
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('Email').fill('theo@test.example');
    await page.getByLabel('Password').fill(ritaPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('choose-password').waitFor();
    await mainNavLink(page, 'Accounts').click();
    await page.getByTestId('choose-password').waitFor();
    // The profile is still shown while the router passes through /accounts and is sent back: wait for the URL.
    await expect.poll(() => new URL(page.url()).pathname).toBe('/profile');

    await page.getByLabel('Current password').fill(ritaPassword);
    await page.getByLabel('New password', { exact: true }).fill('my-own-secret-phrase-1');
    await page.getByLabel('New password again').fill('my-own-secret-phrase-1');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed.').waitFor();
    await mainNavLink(page, 'Accounts').click();
    await page.getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();
  });

  it('lets a person set their time zone, which My day then names, and create and revoke an API token', async () => {
    const page = await signIn(browser, baseUrl, 'sales');
    expect(await mainNavLink(page, 'Users').count()).toBe(0);
    await page.getByRole('link', { name: 'Sam Sales' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your profile' }).waitFor();

    await page.getByLabel('Time zone').fill('Europe/Amsterdam');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Profile saved.').waitFor();

    await page.getByLabel('Name of the new token').fill('Shop integration');
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = await page.getByLabel(/Your new token/).inputValue();
    expect(secret).toMatch(/^act_/);
    const tokenRow = page.getByTestId('token-row').filter({ hasText: 'Shop integration' });
    expect(await tokenRow.innerText()).toContain('never used');
    await expectAccessible(page);
    await tokenRow.getByRole('button', { name: 'Revoke…' }).click();
    await tokenRow.getByRole('button', { name: 'Revoke Shop integration' }).click();
    await tokenRow.waitFor({ state: 'detached' });
    const bearer = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${secret}` } });
    expect(bearer.statusCode).toBe(401);

    await mainNavLink(page, 'My day').click();
    await page.getByRole('heading', { level: 1, name: 'My day' }).waitFor();
    await page.getByText(/· Times in Europe\/Amsterdam$/).waitFor();
    await expectAccessible(page);
  });
});
