import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import { testPassword, testUsers } from '../helpers/test-users.ts';

// A small business runs `afterclose start` on a machine in the office and opens it from another
// one as http://192.168.x.y:3000. Browsers treat only localhost as secure over plain HTTP, so this
// is the address where an https-only header breaks the app.
function nonLoopbackAddress(): string {
  const address = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal);
  if (!address) throw new Error('This host has no non-loopback IPv4 address to serve the app on');
  return address.address;
}

let t: TestApp;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  t = await startTestApp();
  const host = nonLoopbackAddress();
  await t.app.listen({ port: 0, host });
  baseUrl = `http://${host}:${(t.app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('the web app over plain HTTP on a LAN address', () => {
  it('renders the sign-in page and signs in, with the app’s own Content-Security-Policy in force', async () => {
    // No bypassCSP here: the policy the server sends is the one under test.
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(5000);
    const blocked: string[] = [];
    page.on('requestfailed', (request) => blocked.push(request.url()));
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('Email').fill(testUsers.sales.email);
    await page.getByLabel('Password').fill(testPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();
    expect(blocked).toEqual([]);
    await context.close();
  });
});
