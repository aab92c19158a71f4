import { z } from 'zod';
import { createUserBody } from '../modules/users/index.ts';
import { createUser } from '../modules/users/index.ts';
import { loadDemoData } from '../modules/demo/index.ts';
import { distributeForCitus } from '../platform/citus.ts';
import { openFromEnv } from '../platform/db.ts';
import { migrate } from '../platform/migrate.ts';
import { type Env, readEnv } from '../platform/env.ts';
import { AppError } from '../platform/errors.ts';
import '../platform/validation-messages.ts';
import { clvCommand, scoreCommand } from './analytics-commands.ts';
import { backupCommand, restoreCommand } from './backup-command.ts';
import { exportCommand, importCommand } from './import-command.ts';
import { prepareDatabase } from './prepare-database.ts';
import { parseArgs, UsageError } from './args.ts';
import { serve } from './serve.ts';
import { simulateCommand } from './simulate-command.ts';

const usage = `Usage: afterclose <command> [options]

Commands:
  start                 api + worker in one process; loads demo data into an empty database
  api                   serve the HTTP API and web app (production; never loads demo data)
  worker                run background jobs (production; run as many as you like)
  migrate               apply database migrations (and, on Citus, distribute the new tables)
  distribute [--shards N]
                        on a Citus coordinator: distribute the tables by account (docs/scaling.md)
  demo [--seed N]       load the demo business (does nothing if already loaded)
  user add --email E --name N --role admin|manager|sales|service --password P
  score [--as-of YYYY-MM-DD] [--report]
                        score every account (RFM, latency, health, CLV); --report prints the model fit
  clv fit FILE.csv --calibration-end YYYY-MM-DD [--unit week|day] [--json]
                        fit BG/NBD, Pareto/NBD and Gamma-Gamma on a customer_id,date,amount log
  bench [api-reads|page-load]  run the benchmarks, or only the API-reads or page-load table (see README)
  import accounts|contacts|products|orders FILE.csv [--preset shopify-orders|stripe-payments] [--map "field=Header,…"] [--allow-errors] [--no-playbooks]
                        [--create-customers] [--max-field-bytes N] [--max-columns N]  (docs/imports.md)
  export accounts|touches|scores [--out FILE]
  simulate [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--program FILE.json] [--silent-days N] [--emails-warning N] [--planning capacity|wanted_day] [--csv]
                        replay past events through the playbooks in a rolled-back sandbox (default: the last 12 months);
                        --program compares an edited program (a JSON list of playbooks) with the current one
  backup FILE [--url URL --token T]
                        dump the embedded database (through the running app with --url; docs/decisions/0014-backups.md)
  restore FILE [--force]
                        restore a backup into the --data directory (empty unless --force)

Options:
  --data DIR            embedded database directory (AFTERCLOSE_DATA, default ./.afterclose)
  --port N              HTTP port (PORT, default 3000)
Set DATABASE_URL=postgres://… to use a PostgreSQL server instead of the embedded database.`;

async function withDatabase<T>(env: Env, fn: (db: Awaited<ReturnType<typeof openFromEnv>>['db']) => Promise<T>): Promise<T> {
  const handle = await openFromEnv(env);
  try {
    await prepareDatabase(handle.db);
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}

async function addUser(env: Env, options: Record<string, string | true>): Promise<void> {
  const parsed = createUserBody.safeParse({ ...options, time_zone: options['time-zone'] ?? 'UTC' });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`--${issue?.path.join('.') ?? 'option'}: ${issue?.message ?? 'invalid'}`);
  }
  const user = await withDatabase(env, (db) => createUser(db, parsed.data, null));
  console.log(`Added ${user.role} ${user.email} (${user.id})`);
}

async function main(argv: string[]): Promise<void> {
  const { positional, options } = parseArgs(argv);
  const [command, sub] = positional;
  const overrides: Record<string, string> = {};
  if (typeof options.data === 'string') overrides.AFTERCLOSE_DATA = options.data;
  if (typeof options.port === 'string') overrides.PORT = options.port;
  const env = readEnv({ ...process.env, ...overrides });
  switch (command) {
    case 'start':
      return serve(env, { api: true, worker: true, demo: true });
    case 'api':
      return serve(env, { api: true, worker: false, demo: false });
    case 'worker':
      return serve(env, { api: false, worker: true, demo: false });
    case 'migrate': {
      const handle = await openFromEnv(env);
      const applied = await prepareDatabase(handle.db).finally(() => handle.close());
      console.log(applied.length ? `Applied ${applied.join(', ')}` : 'Database is up to date');
      return;
    }
    case 'distribute': {
      const shards = z.coerce.number().int().min(1).max(1024).optional().safeParse(options.shards);
      if (!shards.success) throw new UsageError('--shards must be a whole number from 1 to 1024');
      const handle = await openFromEnv(env);
      const report = await migrate(handle.db)
        .then(() => distributeForCitus(handle.db, shards.data ? { shardCount: shards.data } : {}))
        .finally(() => handle.close());
      if (!report.citus) throw new UsageError('The citus extension is not installed in this database: nothing to distribute');
      console.log(JSON.stringify(report));
      return;
    }
    case 'demo': {
      const seed = z.coerce.number().int().safeParse(options.seed ?? env.AFTERCLOSE_SEED);
      if (!seed.success) throw new UsageError('--seed must be a whole number');
      const result = await withDatabase(env, (db) => loadDemoData(db, { seed: seed.data, password: env.AFTERCLOSE_DEMO_PASSWORD }));
      console.log(JSON.stringify(result));
      return;
    }
    case 'user':
      if (sub !== 'add') throw new UsageError('Did you mean: afterclose user add --email … --name … --role … --password …');
      return addUser(env, options);
    case 'score':
      return withDatabase(env, (db) => scoreCommand(db, options));
    case 'clv':
      return clvCommand(positional.slice(1), options);
    case 'import':
      process.exitCode = await withDatabase(env, (db) => importCommand(db, positional.slice(1), options));
      return;
    case 'export':
      return withDatabase(env, (db) => exportCommand(db, positional.slice(1), options));
    case 'simulate':
      return withDatabase(env, (db) => simulateCommand(db, options));
    case 'backup':
      return backupCommand(env, positional.slice(1), options);
    case 'restore':
      return restoreCommand(env, positional.slice(1), options);
    case 'bench': {
      if (positional[1] === 'api-reads') {
        const { runApiReadsFromEnv } = await import('../../bench/api-reads.ts');
        await runApiReadsFromEnv();
        return;
      }
      if (positional[1] === 'page-load') {
        const { runPageLoadsFromEnv } = await import('../../bench/page-load.ts');
        await runPageLoadsFromEnv();
        return;
      }
      const { runBenchmarkFromEnv } = await import('../../bench/run.ts');
      await runBenchmarkFromEnv();
      return;
    }
    case undefined:
    case 'help':
      console.log(usage);
      return;
    default:
      throw new UsageError(`Unknown command "${command}". Run "afterclose help" for the list.`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError || error instanceof AppError) {
    console.error(`error: ${error.message}${error instanceof AppError && error.field ? ` (--${error.field})` : ''}`);
  } else {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(1);
});
