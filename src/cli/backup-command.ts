import type { Env } from '../platform/env.ts';
import { backupIdleDataDir, restoreDataDir, writeBackupFile } from '../platform/backup.ts';
import { UsageError } from './args.ts';

const pgDumpHint = 'DATABASE_URL names a PostgreSQL server: back it up with pg_dump -Fc "$DATABASE_URL" -f FILE and restore with pg_restore (see README, Running in production)';

/** Asks a running app for a backup of its embedded database (POST /api/v1/admin/backup). */
async function backupThroughApp(url: string, token: string, file: string): Promise<number> {
  const response = await fetch(new URL('/api/v1/admin/backup', url), { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) {
    const json = response.headers.get('content-type')?.includes('application/json');
    const body = json ? ((await response.json()) as { error?: { message?: string } }) : null;
    throw new Error(`${url} answered ${response.status}: ${body?.error?.message ?? response.statusText}`);
  }
  return writeBackupFile(file, Buffer.from(await response.arrayBuffer()));
}

/** `afterclose backup FILE [--url URL --token T]`: a consistent dump of the embedded database. */
export async function backupCommand(env: Env, args: string[], options: Record<string, string | true>): Promise<void> {
  const [file] = args;
  if (!file) throw new UsageError('Usage: afterclose backup FILE [--url http://localhost:3000 --token T]');
  const url = options.url;
  let bytes: number;
  if (typeof url === 'string') {
    const token = typeof options.token === 'string' ? options.token : process.env.AFTERCLOSE_TOKEN;
    if (!token) throw new UsageError('--url needs an admin API token: --token T or AFTERCLOSE_TOKEN');
    bytes = await backupThroughApp(url, token, file);
  } else {
    if (env.DATABASE_URL) throw new UsageError(pgDumpHint);
    bytes = await backupIdleDataDir(env.AFTERCLOSE_DATA, file);
  }
  console.log(`Backup written to ${file} (${Math.ceil(bytes / 1024)} KiB)`);
}

/** `afterclose restore FILE [--data DIR] [--force]`: a backup into a new embedded data directory. */
export async function restoreCommand(env: Env, args: string[], options: Record<string, string | true>): Promise<void> {
  const [file] = args;
  if (!file) throw new UsageError('Usage: afterclose restore FILE [--data DIR] [--force]');
  if (env.DATABASE_URL) throw new UsageError(pgDumpHint);
  await restoreDataDir(file, env.AFTERCLOSE_DATA, { force: options.force === true });
  console.log(`Restored ${file} into ${env.AFTERCLOSE_DATA}; start the app with --data ${env.AFTERCLOSE_DATA}`);
}
