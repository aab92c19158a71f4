import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { restoreDataDir } from '../../src/platform/backup.ts';
import { openDatabase } from '../../src/platform/db.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'afterclose-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the writer until it has a transaction open, then kills it with SIGKILL; returns the ids it acknowledged. */
async function writeAndKill(dataDir: string, commits: number): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/pglite-writer.ts', dataDir, String(commits)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const acknowledged: string[] = [];
  let buffer = '';
  await new Promise<void>((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`the writer exited (${code}) before it was killed`)));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'open') {
          child.removeAllListeners('exit');
          child.on('exit', () => resolve());
          child.kill('SIGKILL');
        } else acknowledged.push(line);
      }
    });
  });
  return acknowledged;
}

// The embedded database has no server process: it lives and dies with the app's, so kill -9 of
// the app is a crash of the database too. Runs on PGlite only (the PostgreSQL pass has its own).
// Runs in the PGlite project only (vitest.config.ts: tests/pglite/): it is about the embedded database.
describe('PGlite after kill -9', () => {
  // Proves: every write the app acknowledged survives a kill -9; the transaction open at the kill
  // is gone entirely; the lock file of the dead process is taken over, so the app starts again;
  // and the restarted database takes new writes. Twice in a row, the second time on a recovered
  // directory.
  it('keeps every acknowledged commit, drops the open transaction, and restarts', { timeout: 120_000 }, async () => {
    const dataDir = join(dir, 'data');
    await restoreDataDir(inject('pgliteSnapshot'), dataDir);
    const acknowledged: string[] = [];
    for (const round of [1, 2]) {
      acknowledged.push(...(await writeAndKill(dataDir, 40)));
      expect(acknowledged).toHaveLength(40 * round);
      expect(existsSync(join(dataDir, 'afterclose.lock'))).toBe(true);
      expect(Number(readFileSync(join(dataDir, 'afterclose.lock'), 'utf8'))).not.toBe(process.pid);

      const handle = await openDatabase({ kind: 'pglite', dataDir });
      try {
        const names = await handle.db.selectFrom('accounts').select(['id', 'name']).where((eb) => eb.or([eb('name', 'like', 'Acknowledged %'), eb('name', 'like', 'Uncommitted %')])).execute();
        expect(names.filter((n) => n.name.startsWith('Uncommitted'))).toEqual([]);
        expect(new Set(names.map((n) => n.id))).toEqual(new Set(acknowledged));
        await handle.db.insertInto('accounts').values({ name: `After restart ${round}` }).execute();
      } finally {
        await handle.close();
      }
    }
    const reopened = await openDatabase({ kind: 'pglite', dataDir });
    try {
      const restarted = await reopened.db.selectFrom('accounts').select('name').where('name', 'like', 'After restart %').execute();
      expect(restarted.map((r) => r.name).sort()).toEqual(['After restart 1', 'After restart 2']);
    } finally {
      await reopened.close();
    }
  });
});
