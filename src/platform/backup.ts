import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { acquireDataDirLock, dataDirHolder } from './data-dir-lock.ts';
import { createPglite, openDatabase } from './db.ts';
import { AppError } from './errors.ts';

/** Writes a backup so that FILE is either the old file or the whole new backup, never half of one. */
export async function writeBackupFile(file: string, dump: Blob | Buffer): Promise<number> {
  const bytes = Buffer.isBuffer(dump) ? dump : Buffer.from(await dump.arrayBuffer());
  const partial = `${file}.partial`;
  writeFileSync(partial, bytes);
  renameSync(partial, file);
  return bytes.length;
}

/**
 * Backs up an embedded data directory that no process is using. A directory in use is refused:
 * only its process may open it (two PGlites on one directory lose writes), so the backup must go
 * through that process's API (docs/decisions/0014-backups.md).
 */
export async function backupIdleDataDir(dataDir: string, file: string): Promise<number> {
  if (!existsSync(join(dataDir, 'PG_VERSION'))) throw new AppError('not_found', `No embedded database in ${dataDir}`, 'data');
  const holder = dataDirHolder(dataDir);
  if (holder !== null) {
    throw new AppError(
      'conflict',
      `The data directory ${dataDir} is in use by process ${holder}. Back it up through the running app: ` +
        'afterclose backup FILE --url http://localhost:3000 --token <an admin API token> (or set AFTERCLOSE_TOKEN), ' +
        'or stop the app and run this command again.',
    );
  }
  const handle = await openDatabase({ kind: 'pglite', dataDir });
  try {
    const dump = handle.dumpDataDir;
    if (!dump) throw new Error('The embedded database cannot be dumped');
    return await writeBackupFile(file, await dump());
  } finally {
    await handle.close();
  }
}

/**
 * Restores a backup into a data directory that is empty or absent; a non-empty one only with
 * `force`, and never one a running process holds.
 */
export async function restoreDataDir(file: string, dataDir: string, options: { force?: boolean } = {}): Promise<void> {
  if (!existsSync(file)) throw new AppError('not_found', `No backup file ${file}`);
  const holder = dataDirHolder(dataDir);
  if (holder !== null) throw new AppError('conflict', `The data directory ${dataDir} is in use by process ${holder}; stop it before restoring into it`);
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    if (!options.force) throw new AppError('conflict', `The data directory ${dataDir} is not empty; restore into a new directory, or pass --force to replace it`, 'force');
    rmSync(dataDir, { recursive: true, force: true });
  }
  mkdirSync(dataDir, { recursive: true });
  const release = acquireDataDirLock(dataDir);
  try {
    const pglite = createPglite({ dataDir, loadDataDir: new Blob([readFileSync(file)]) });
    await pglite.query('select 1');
    await pglite.close();
  } finally {
    // The backup carries the lock file of the process it was taken from: releasing removes it too.
    release();
  }
}
