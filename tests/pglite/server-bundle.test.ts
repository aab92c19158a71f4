import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startApp } from '../../bench/app-process.ts';
import { restoreDataDir } from '../../src/platform/backup.ts';
import { openDatabase } from '../../src/platform/db.ts';
import { migrate } from '../../src/platform/migrate.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'afterclose-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The empty cluster `npm test` saved (scripts/build-server-if-changed.mjs), by file name. */
function savedEmptyCluster(): string | undefined {
  const built = join(root, 'dist/server');
  return existsSync(built) ? readdirSync(built).find((name) => /^pglite-.*-initdb\.tar\.gz$/.test(name)) : undefined;
}

/**
 * A copy of the project whose node_modules lacks tsx: the CLI can run there only from the bundle,
 * so a command that works proves the bundle ran, and one that cannot find tsx proves it was not.
 */
function copyOfProject(): string {
  const copy = join(dir, 'project');
  for (const path of ['bin', 'scripts', 'src', 'bench', 'db', 'package.json', 'package-lock.json', 'tsconfig.json']) {
    cpSync(join(root, path), join(copy, path), { recursive: true });
  }
  // Saved already: the copy's build then only bundles.
  const cluster = savedEmptyCluster();
  if (cluster) cpSync(join(root, 'dist/server', cluster), join(copy, 'dist/server', cluster));
  mkdirSync(join(copy, 'node_modules'));
  for (const name of readdirSync(join(root, 'node_modules'))) {
    if (name !== 'tsx') symlinkSync(join(root, 'node_modules', name), join(copy, 'node_modules', name));
  }
  // The web app is served from ../../web/dist of the bundle: the one `npm test` built.
  mkdirSync(join(copy, 'web'));
  symlinkSync(join(root, 'web/dist'), join(copy, 'web/dist'));
  return copy;
}

function run(cwd: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

describe('the server bundle', () => {
  it('is rebuilt when a source changes, never run while stale, and `start` from it answers /api/health', { timeout: 240_000 }, async () => {
    expect(existsSync(join(root, 'web/dist/index.html')), 'the web app is built (npm test builds it)').toBe(true);
    const copy = copyOfProject();
    const build = () => run(copy, ['scripts/build-server-if-changed.mjs']);

    expect((await build()).output).toContain('Server bundled');
    expect((await build()).output).toContain('up to date');
    const help = await run(copy, ['bin/afterclose.js', 'help']);
    expect(help, help.output).toMatchObject({ code: 0, output: expect.stringContaining('Usage: afterclose <command>') });

    const main = join(copy, 'src/cli/main.ts');
    writeFileSync(main, readFileSync(main, 'utf8').replace('Usage: afterclose <command>', 'Usage (edited): afterclose <command>'));
    const stale = await run(copy, ['bin/afterclose.js', 'help']);
    expect(stale.code).not.toBe(0);
    expect(stale.output).toContain("Cannot find package 'tsx'");

    expect((await build()).output).toContain('Server bundled');
    const edited = await run(copy, ['bin/afterclose.js', 'help']);
    expect(edited, edited.output).toMatchObject({ code: 0, output: expect.stringContaining('Usage (edited): afterclose') });

    const dataDir = join(dir, 'data');
    await restoreDataDir(inject('pgliteSnapshot'), dataDir);
    const app = await startApp({ cwd: copy, dataDir, timeoutMs: 120_000 });
    try {
      const health = await fetch(`${app.url}/api/health`);
      expect(await health.json()).toMatchObject({ status: 'ok', database: 'pglite' });
      const page = await fetch(`${app.url}/`);
      expect(await page.text()).toContain('<!doctype html>');
    } finally {
      await app.stop();
    }
  });

  it('starts a new data directory from the saved empty cluster instead of running initdb', { timeout: 120_000 }, async () => {
    expect(savedEmptyCluster(), 'npm test saves it (scripts/build-server-if-changed.mjs)').toBeDefined();
    const identifiers: string[] = [];
    for (const name of ['new-1', 'new-2']) {
      const handle = await openDatabase({ kind: 'pglite', dataDir: join(dir, name) });
      try {
        if (name === 'new-1') expect(await migrate(handle.db)).toContain('0001_init.sql');
        const { rows } = await sql<{ id: string }>`select system_identifier::text as id from pg_control_system()`.execute(handle.db);
        identifiers.push(rows[0]?.id ?? '');
      } finally {
        await handle.close();
      }
    }
    // initdb gives every cluster an identifier of its own; copies of one saved cluster share it.
    expect(identifiers[0]).toMatch(/^\d+$/);
    expect(identifiers[1]).toBe(identifiers[0]);
  });
});
