import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, testDbKind } from '../../tests/helpers/test-db.ts';
import type { DbHandle } from '../platform/db.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
let database: Record<string, string>;
let handle: (DbHandle & { url?: string }) | undefined;
let dataDir: string | undefined;

// A production database starts empty: the PostgreSQL pass uses a test database without its users,
// the PGlite pass a new data directory (an in-memory test database cannot be shared with a process).
beforeAll(async () => {
  if (testDbKind() === 'postgres') {
    handle = await openTestDb();
    await handle.db.deleteFrom('users').execute();
    database = { DATABASE_URL: handle.url ?? '' };
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'afterclose-first-admin-'));
    database = { AFTERCLOSE_DATA: dataDir };
  }
}, 60_000);
afterAll(async () => {
  await handle?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/**
 * Runs the CLI; stops it (SIGTERM) once its output contains `until`, or waits for it to exit. Output
 * printed after `until` may be lost: the process has no SIGTERM handler yet while it prints.
 */
function runCli(args: string[], until?: string): Promise<{ output: string; code: number | null }> {
  const { DATABASE_URL: _inherited, ...env } = process.env;
  const child = spawn(process.execPath, ['bin/afterclose.js', ...args], {
    cwd: root,
    env: { ...env, ...database, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (until && output.includes(until)) child.kill('SIGTERM');
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  // 'close', not 'exit': output may still be on its way when the process has exited.
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ output: `${output}\n[exit ${code ?? signal}]`, code })));
}

describe('a production start with no users', () => {
  it('`afterclose api` on an empty database says how to create the first admin, whose command then works', { timeout: 120_000 }, async () => {
    const first = await runCli(['api'], 'Email:');
    expect(first.output, first.output).toContain('No users yet');
    expect(first.output).toContain('npx afterclose user add --email');
    expect(first.output).toContain('--role admin');
    expect(first.output).not.toContain('Demo logins');

    const added = await runCli(['user', 'add', '--email', 'owner@shop.example', '--name', 'Owner', '--role', 'admin', '--password', 'a long passphrase']);
    expect(added.code).toBe(0);
    expect(added.output).toContain('Added admin owner@shop.example');
  });
});
