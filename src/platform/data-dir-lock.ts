import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const lockFile = 'afterclose.lock';

/** The pid of the running process that holds the data directory, or null when none does. */
export function dataDirHolder(dataDir: string): number | null {
  let holder: number;
  try {
    holder = Number.parseInt(readFileSync(join(dataDir, lockFile), 'utf8'), 10);
  } catch {
    return null;
  }
  return Number.isInteger(holder) && holder !== process.pid && isRunning(holder) ? holder : null;
}

/**
 * Two processes on one PGlite data directory silently lose writes, so the first one takes a lock
 * file with its pid; a lock left by a process that died is taken over.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  const path = join(dataDir, lockFile);
  try {
    writeFileSync(path, String(process.pid), { flag: 'wx' });
  } catch {
    const holder = Number.parseInt(readFileSync(path, 'utf8'), 10);
    if (Number.isInteger(holder) && holder !== process.pid && isRunning(holder)) {
      throw new Error(
        `The data directory ${dataDir} is in use by process ${holder}. Stop it, choose another ` +
          'directory with AFTERCLOSE_DATA or --data, or use a PostgreSQL server with DATABASE_URL.',
      );
    }
    writeFileSync(path, String(process.pid));
  }
  return () => rmSync(path, { force: true });
}
