/**
 * A child process for the PGlite kill -9 test: opens the data directory, commits one account per
 * transaction and prints its id only after the commit, then opens a large transaction, prints
 * "open" and waits inside it to be killed.
 */
import { sql } from 'kysely';
import { openDatabase } from '../../src/platform/db.ts';

const [dataDir = '', commits = '50'] = process.argv.slice(2);
const { db } = await openDatabase({ kind: 'pglite', dataDir });
for (let i = 0; i < Number(commits); i++) {
  const row = await db.insertInto('accounts').values({ name: `Acknowledged ${i}` }).returning('id').executeTakeFirstOrThrow();
  process.stdout.write(`${row.id}\n`);
}
await db.transaction().execute(async (trx) => {
  await sql`insert into accounts (name) select 'Uncommitted ' || g from generate_series(1, 1000) g`.execute(trx);
  process.stdout.write('open\n');
  await new Promise(() => {});
});
