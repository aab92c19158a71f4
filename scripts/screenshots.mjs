#!/usr/bin/env node
// Starts Afterclose with the demo business on a throwaway data directory, signs in as the demo
// admin and saves the main pages at desktop (1440 px) and phone (390 px) width to docs/screenshots/.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'docs/screenshots');
const port = Number(process.env.PORT ?? 3917);
const baseUrl = `http://127.0.0.1:${port}`;
const widths = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];
// My day is shown for a salesperson, who has calls and meetings planned; the rest for the admin.
const pages = [
  { file: 'my-day', path: '/my-day', email: 'sales@example.com' },
  { file: 'accounts', path: '/accounts', email: 'admin@example.com' },
  { file: 'account', path: null, email: 'admin@example.com' },
  { file: 'pipeline', path: '/pipeline', email: 'admin@example.com' },
  { file: 'deal', path: 'first-deal', email: 'admin@example.com' },
  { file: 'products', path: '/products', email: 'admin@example.com' },
  { file: 'users', path: '/users', email: 'admin@example.com' },
  { file: 'profile', path: '/profile', email: 'admin@example.com' },
  { file: 'analytics', path: '/analytics', email: 'admin@example.com' },
  { file: 'service', path: '/service', email: 'admin@example.com' },
  { file: 'playbooks', path: '/playbooks', email: 'admin@example.com' },
  { file: 'team-load', path: '/team-load', email: 'admin@example.com' },
  { file: 'settings', path: '/settings', email: 'admin@example.com' },
];

async function waitForHealth(server) {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`afterclose exited with code ${server.exitCode}`);
    const healthy = await fetch(`${baseUrl}/api/health`).then((r) => r.ok, () => false);
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('afterclose did not answer /api/health within 3 minutes');
}

async function firstAccountPath(page) {
  await page.goto(`${baseUrl}/accounts`);
  const link = page.locator('.row-link').first();
  await link.waitFor();
  return link.getAttribute('href');
}

async function firstDealPath(page) {
  await page.goto(`${baseUrl}/pipeline`);
  const link = page.locator('a[href^="/deals/"]').first();
  await link.waitFor();
  return link.getAttribute('href');
}

async function signIn(browser, viewport, email) {
  const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('afterclose-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();
  return page;
}

async function capture(browser, viewport) {
  for (const email of new Set(pages.map((shot) => shot.email))) await captureAs(browser, viewport, email);
}

async function captureAs(browser, viewport, email) {
  const page = await signIn(browser, viewport, email);
  const shots = pages.filter((p) => p.email === email);
  const accountPath = shots.some((shot) => shot.path === null) ? await firstAccountPath(page) : null;
  const dealPath = shots.some((shot) => shot.path === 'first-deal') ? await firstDealPath(page) : null;
  for (const shot of shots) {
    await page.goto(`${baseUrl}${shot.path === null ? accountPath : shot.path === 'first-deal' ? dealPath : shot.path}`);
    await page.locator('h1').first().waitFor();
    await page.waitForLoadState('networkidle');
    await page.waitForFunction(() => document.querySelectorAll('[role="status"][aria-busy="true"], .skeleton').length === 0).catch(() => undefined);
    await page.screenshot({ path: join(outDir, `${shot.file}-${viewport.name}.png`) });
    console.log(`saved ${shot.file}-${viewport.name}.png`);
  }
  await page.context().close();
}

mkdirSync(outDir, { recursive: true });
// An existing data directory (AFTERCLOSE_DATA) is reused and kept; otherwise a throwaway one is made.
const keepData = Boolean(process.env.AFTERCLOSE_DATA);
const dataDir = process.env.AFTERCLOSE_DATA ?? mkdtempSync(join(tmpdir(), 'afterclose-screenshots-'));
const server = spawn(process.execPath, [join(root, 'bin/afterclose.js'), 'start'], {
  cwd: root,
  env: { ...process.env, AFTERCLOSE_DATA: dataDir, PORT: String(port) },
  stdio: ['ignore', 'ignore', 'inherit'],
});
try {
  await waitForHealth(server);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    for (const viewport of widths) await capture(browser, viewport);
  } finally {
    await browser.close();
  }
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  if (!keepData) rmSync(dataDir, { recursive: true, force: true });
}
