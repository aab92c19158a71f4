import { join } from 'node:path';
import { buildServer } from '../api/server.ts';
import { appSecret } from '../modules/customer-links/index.ts';
import { createMailTransport } from '../modules/messages/index.ts';
import { isDatabaseEmpty, loadDemoData } from '../modules/demo/index.ts';
import { openFromEnv } from '../platform/db.ts';
import type { Env } from '../platform/env.ts';
import { createLogger } from '../platform/log.ts';
import { startWorker } from '../worker/main.ts';
import { prepareDatabase } from './prepare-database.ts';
import { jobRegistry, workerTickers } from './worker-jobs.ts';

// A production database starts without users and `api` never creates any (no default password).
const firstAdminHint = `No users yet. Create the first admin (same DATABASE_URL or --data as this process):
  npx afterclose user add --email you@example.com --name "Your Name" --role admin --password "<12 or more characters>"`;

export type ServeMode = { api: boolean; worker: boolean; demo: boolean };

export function publicUrl(env: Env): string {
  return env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
}

/**
 * `start` = api + worker in one process with demo data in an empty database; `api` and `worker`
 * are the production processes and never load demo data.
 */
export async function serve(env: Env, mode: ServeMode): Promise<void> {
  const log = createLogger(env.LOG_LEVEL);
  const handle = await openFromEnv(env);
  const applied = await prepareDatabase(handle.db);
  if (applied.length) log.info({ applied }, 'migrations applied');
  if (mode.demo && (await isDatabaseEmpty(handle.db))) {
    console.log('Empty database: loading demo data (a few seconds)…');
    await loadDemoData(handle.db, { seed: env.AFTERCLOSE_SEED, password: env.AFTERCLOSE_DEMO_PASSWORD });
  }
  const links = { publicUrl: publicUrl(env), secret: await appSecret(handle.db) };
  const transport = createMailTransport({ smtpUrl: env.SMTP_URL, outboxDir: env.OUTBOX_DIR ?? join(env.AFTERCLOSE_DATA, 'outbox') });
  // The server starts before the worker: on PGlite a worker batch holds the event loop while it runs.
  const app = mode.api ? await buildServer({ db: handle.db, kind: handle.kind, env, ops: handle }, { logger: { level: env.LOG_LEVEL } }) : null;
  if (app) {
    await app.listen({ port: env.PORT, host: env.HOST });
    const firstAdminMissing = !mode.demo && (await isDatabaseEmpty(handle.db));
    const where = handle.kind === 'pglite' ? `embedded PostgreSQL in ${env.AFTERCLOSE_DATA}` : 'PostgreSQL at DATABASE_URL';
    console.log(`\nAfterclose is running on http://localhost:${env.PORT} (${where})`);
    if (mode.demo) {
      console.log(`Demo logins (password "${env.AFTERCLOSE_DEMO_PASSWORD}"): admin@example.com, manager@example.com, sales@example.com, service@example.com`);
    }
    if (firstAdminMissing) console.log(firstAdminHint);
    console.log(`API docs: http://localhost:${env.PORT}/api/docs`);
    console.log(transport.kind === 'smtp' ? 'Email: sent through SMTP_URL\n' : `Email: no SMTP_URL, so messages are written to the outbox folder\n`);
  }
  const worker = mode.worker
    ? startWorker({ db: handle.db, links }, log, { registry: jobRegistry, tickers: workerTickers(transport, env) })
    : null;
  if (worker && !app) console.log('Afterclose worker running; stop with Ctrl+C');
  const shutdown = async () => {
    await app?.close();
    await worker?.stop();
    transport.close();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
