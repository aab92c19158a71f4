import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { Db } from './db.ts';

// Two folders below the root here and in the server bundle (dist/server, decision 0036) alike.
const migrationsDir = new URL('../../db/migrations/', import.meta.url);

function migrationFiles(): string[] {
  return readdirSync(migrationsDir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
}

/** Migrations in db/migrations that this database has not applied (all of them before the first). */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const { rows } = await sql<{ exists: boolean }>`select to_regclass('schema_migrations') is not null as exists`.execute(db);
  const done = rows[0]?.exists ? new Set((await db.selectFrom('schema_migrations').select('name').execute()).map((r) => r.name)) : new Set<string>();
  return migrationFiles().filter((file) => !done.has(file));
}

/**
 * Applies the forward-only SQL migrations in order. An advisory lock lets several api and worker
 * processes start at once against one server without applying a migration twice.
 */
export async function migrate(db: Db): Promise<string[]> {
  // The common start: everything applied, answered by one read instead of a transaction per file.
  if ((await pendingMigrations(db)).length === 0) return [];
  await sql`create table if not exists schema_migrations (
    name text primary key, applied_at timestamptz not null default now())`.execute(db);
  const files = migrationFiles();
  const applied: string[] = [];
  for (const file of files) {
    await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(4242001)`.execute(trx);
      const done = await trx
        .selectFrom('schema_migrations')
        .select('name')
        .where('name', '=', file)
        .executeTakeFirst();
      if (done) return;
      await sql.raw(readFileSync(new URL(file, migrationsDir), 'utf8')).execute(trx);
      await trx.insertInto('schema_migrations').values({ name: file }).execute();
      applied.push(file);
    });
  }
  return applied;
}
