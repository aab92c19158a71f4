import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { scoreAccounts } from '../src/modules/analytics/index.ts';
import { openDatabase } from '../src/platform/db.ts';
import { openBenchTarget } from './bench-target.ts';
import { createBenchUsers, loadProgressLogger } from './bench-users.ts';
import { generateBusiness } from './generate.ts';
import { benchSimulation, simulationLine } from './playbooks.ts';

const env = z.object({
  DATABASE_URL: z.string().url(),
  // Its own database, so that loading it never drops what `npm run bench` loaded.
  BENCH_DATABASE: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('afterclose_bench_simulation'),
  BENCH_ACCOUNTS: z.coerce.number().int().positive().default(100_000),
  BENCH_SIMULATION_DAYS: z.coerce.number().int().positive().default(365),
  BENCH_SIMULATIONS: z.coerce.number().int().positive().default(1),
  /** 1: simulate on the business an earlier run loaded (loading 100,000 accounts takes minutes). */
  BENCH_REUSE: z.enum(['0', '1']).default('0'),
});

/**
 * `npx tsx bench/simulation-year.ts`: the simulation line of `npm run bench` alone, on the benchmark
 * business (100,000 accounts, ~10 orders and ~20 touches each, scored as of its last day) loaded
 * once into its own database and reused with BENCH_REUSE=1, so a change to the simulator is
 * measured in a minute instead of the whole benchmark.
 */
async function benchSimulationYear(source: NodeJS.ProcessEnv): Promise<void> {
  const options = env.parse(source);
  if (options.BENCH_REUSE !== '1') {
    const opened = await openBenchTarget('postgres', { databaseUrl: options.DATABASE_URL, databaseName: options.BENCH_DATABASE });
    try {
      const db = opened.handle.db;
      const owners = await createBenchUsers(db);
      const load = await generateBusiness(db, { seed: 42, accounts: options.BENCH_ACCOUNTS, ordersPerAccount: 10, touchesPerAccount: 20, ...owners, onProgress: loadProgressLogger(console.log) });
      const scoring = await scoreAccounts(db, { asOf: load.asOf.toISOString().slice(0, 10) });
      console.log(`   loaded in ${(load.totalMillis / 1000).toFixed(0)} s, ${scoring.accountsScored} accounts scored`);
    } finally {
      await opened.dispose();
    }
  }
  const url = new URL(options.DATABASE_URL);
  url.pathname = `/${options.BENCH_DATABASE}`;
  const handle = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 2 });
  try {
    for (let i = 0; i < options.BENCH_SIMULATIONS; i++) console.log(`   ${simulationLine(await benchSimulation(handle.db, options.BENCH_SIMULATION_DAYS))}`);
  } finally {
    await handle.close();
  }
}

const script = process.argv[1];
if (script && import.meta.url === pathToFileURL(resolve(script)).href) {
  benchSimulationYear(process.env).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
