// Only the account search benchmark, against a database that stays between runs, so a change to
// search is measured in seconds instead of reloading the whole benchmark:
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/afterclose_search npx tsx bench/search-only.ts
// The first run (an empty database) loads BENCH_ACCOUNTS accounts with their contacts and orders;
// every run applies pending migrations first, so a new search migration is measured on old rows.
import { sql } from 'kysely';
import { z } from 'zod';
import { prepareDatabase } from '../src/cli/prepare-database.ts';
import { openDatabase } from '../src/platform/db.ts';
import { benchAccountSearch, searchLines } from './account-search.ts';
import { createBenchUsers, loadProgressLogger } from './bench-users.ts';
import { generateBusiness } from './generate.ts';
import { createRandom } from './random.ts';

const env = z
  .object({
    DATABASE_URL: z.string().url(),
    BENCH_ACCOUNTS: z.coerce.number().int().positive().default(100_000),
    BENCH_SEARCH_RUNS: z.coerce.number().int().positive().default(100),
    BENCH_SEED: z.coerce.number().int().default(42),
  })
  .parse(process.env);

const handle = await openDatabase({ kind: 'postgres', url: env.DATABASE_URL, poolSize: 2 });
try {
  const applied = await prepareDatabase(handle.db);
  if (applied.length > 0) console.log(`migrations applied: ${applied.join(', ')}`);
  const { count } = await handle.db.selectFrom('accounts').select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow();
  if (Number(count) === 0) {
    await generateBusiness(handle.db, {
      seed: env.BENCH_SEED,
      accounts: env.BENCH_ACCOUNTS,
      touchesPerAccount: 1,
      skipTables: ['order_lines', 'events'],
      ...(await createBenchUsers(handle.db)),
      onProgress: loadProgressLogger((line) => console.log(line)),
    });
  }
  // Fresh rows or a new migration: the planner's statistics would still describe the old tables.
  if (Number(count) === 0 || applied.length > 0) await sql`analyze`.execute(handle.db);
  for (const line of searchLines(await benchAccountSearch(handle.db, createRandom(env.BENCH_SEED), env.BENCH_SEARCH_RUNS))) console.log(line);
} finally {
  await handle.close();
}
