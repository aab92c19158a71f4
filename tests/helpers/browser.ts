import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Role } from '../../src/platform/db-schema.ts';
import { testPassword, testUsers } from './test-users.ts';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless; playwright-core never downloads a browser of its own. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`No Chromium at ${chromiumPath}: install it with "apt-get install -y chromium" or set CHROMIUM_PATH`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/** Runs axe-core on the page and returns the serious and critical violations, described. */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Serves the app on a free loopback port for the browser; returns its base URL. */
export async function serveOnLoopback(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

/**
 * A fresh browser session signed in as a test user, on the Accounts page, optionally with the
 * browser's language and time zone of a reader elsewhere (`{ locale: 'de-DE' }`). Axe is injected later by
 * evaluate, which the app's CSP would refuse, hence bypassCSP; a missing element fails after 5 s,
 * naming its locator, well before the test's own timeout.
 */
export async function signIn(browser: Browser, baseUrl: string, role: Role, reader: { locale?: string; timezoneId?: string } = {}): Promise<Page> {
  const context = await browser.newContext({ bypassCSP: true, ...reader });
  const page = await context.newPage();
  page.setDefaultTimeout(5000);
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email').fill(testUsers[role].email);
  await page.getByLabel('Password').fill(testPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();
  return page;
}

/** Fails the test with the list of serious and critical accessibility violations on the page. */
export async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
}

/** A link of the main navigation by its exact name. */
export const mainNavLink = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

/** Follows a main navigation link, opening the Menu first on a narrow screen where it is folded away. */
export async function followMainNavLink(page: Page, name: string): Promise<void> {
  const menu = page.getByRole('button', { name: 'Menu', exact: true });
  if (await menu.isVisible()) await menu.click();
  await mainNavLink(page, name).click();
}
