import { sql } from 'kysely';
import type { Db } from './db.ts';

// Where every table lives on a Citus cluster (docs/decisions/0028-citus.md). A table missing from
// these lists stops the distribution step with its name, so a migration that adds one must say here
// where it goes — and the Citus pass of CI runs that migration.

/** Distributed by account: `accounts` by id, these by account_id, all co-located with accounts. */
export const accountTables = [
  'contacts', 'orders', 'order_lines', 'deals', 'touches', 'playbook_runs', 'mentions', 'account_scores', 'account_order_stats', 'issues',
  'issue_touches', 'survey_invites', 'survey_responses', 'referral_links', 'referrals', 'goals', 'account_search',
  'account_fulfilment_promises', 'order_alerts',
] as const;

/**
 * Distributed by a key of their own, co-located with accounts (same hash ranges): the holder of
 * each external id, keyed by its name-based UUID, which is the account's id when the account was
 * created from it (decision 0041).
 */
export const keyedTables: ReadonlyMap<string, string> = new Map([['account_external_ids', 'key']]);

/** Small and read everywhere: a copy on every node, joined locally with any shard. */
export const referenceTables = [
  'users', 'products', 'playbooks', 'settings', 'analytics_settings', 'issue_slas', 'surveys', 'fulfilment_settings',
  'company_settings', 'product_fulfilment_promises', 'scoring_runs', 'model_fits', 'cohort_retention',
] as const;

/**
 * Kept on the coordinator: queues claimed with SKIP LOCKED, the event log whose cursor follows the
 * coordinator's transaction order, the outbox and the bell, and per-user or per-import rows that no
 * account query joins.
 */
export const coordinatorTables = [
  'events', 'event_cursors', 'messages', 'notifications', 'jobs', 'sessions', 'api_tokens', 'login_failures',
  'calendar_feeds', 'imports', 'import_failures', 'import_order_rows', 'inbound_integrations', 'webhook_subscriptions',
  'webhook_deliveries', 'audit_log', 'schema_migrations',
] as const;

/**
 * The prefix of the table a scoring run fills before it becomes a partition of account_scores
 * (decision 0048). The run distributes it itself, so the distribution step leaves such tables alone.
 */
export const SCORE_STAGE_PREFIX = 'account_scores_stage_';

export type DistributionReport = { citus: boolean; distributed: string[]; reference: string[]; coordinator: string[] };

export async function hasCitus(db: Db): Promise<boolean> {
  const { rows } = await sql<{ on: boolean }>`select exists (select 1 from pg_extension where extname = 'citus') as on`.execute(db);
  return rows[0]?.on === true;
}

/**
 * Tables of the public schema and how Citus holds them: 'hs' distributed, 'nt' reference, 'ns'
 * coordinator, null not yet. Partitions follow their parent, and a scoring run distributes its own
 * table before it becomes one (score-writer.ts), so neither is listed.
 */
async function placement(db: Db): Promise<Map<string, string | null>> {
  const { rows } = await sql<{ name: string; method: string | null }>`
    select c.relname as name, p.partmethod::text || p.repmodel::text as method
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    left join pg_dist_partition p on p.logicalrelid = c.oid
    where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
      and not starts_with(c.relname, ${SCORE_STAGE_PREFIX})`.execute(db);
  return new Map(rows.map((r) => [r.name, r.method]));
}

/**
 * Settings of this database that every session on the coordinator starts with:
 * - sequential multi-shard modifications: a transaction that has read several shards may still
 *   write a coordinator or reference table (an import's progress row, a user), which Citus refuses
 *   after a parallel multi-shard access. Reads outside transactions still fan out in parallel
 *   across the workers, one connection a node;
 * - repartition joins: the few joins between two accounts (a referral and the account it brought)
 *   are answered instead of refused.
 * Set per database, so a copy (`CREATE DATABASE … TEMPLATE`) needs them set again.
 */
export async function applyCitusSettings(db: Db): Promise<void> {
  // Every process runs this at start: when the database has them already, a worker starts without
  // an ALTER DATABASE, which Citus carries to every node in a distributed transaction.
  const { rows } = await sql<{ set: boolean }>`select current_setting('citus.multi_shard_modify_mode') = 'sequential'
    and current_setting('citus.enable_repartition_joins')::boolean as set`.execute(db);
  if (rows[0]?.set) return;
  await sql`do $$ begin
    execute format('alter database %I set citus.multi_shard_modify_mode = %L', current_database(), 'sequential');
    execute format('alter database %I set citus.enable_repartition_joins = on', current_database());
  end $$`.execute(db);
}

/**
 * Makes this database a distributed one when the `citus` extension is installed, and does nothing
 * otherwise (returns citus: false). Idempotent: tables already placed are left alone, so running it
 * after every migration places only the new ones. Foreign keys are set aside while tables move
 * (Citus checks each against the other side's placement) and put back, in one transaction.
 */
export async function distributeForCitus(db: Db, options: { shardCount?: number } = {}): Promise<DistributionReport> {
  const report: DistributionReport = { citus: false, distributed: [], reference: [], coordinator: [] };
  if (!(await hasCitus(db))) return report;
  report.citus = true;
  await applyCitusSettings(db);
  const known = new Set<string>([...accountTables, ...keyedTables.keys(), ...referenceTables, ...coordinatorTables, 'accounts']);
  const unplaced = [...(await placement(db)).keys()].filter((t) => !known.has(t));
  if (unplaced.length > 0) {
    throw new Error(`Citus: no placement for table ${unplaced.join(', ')}; add it to a list in src/platform/citus.ts (decision 0028)`);
  }
  await db.transaction().execute(async (trx) => {
    const placed = await placement(trx);
    const toReference = referenceTables.filter((t) => placed.get(t) !== 'nt');
    const toDistribute = ['accounts', ...accountTables, ...keyedTables.keys()].filter((t) => placed.get(t) !== 'hs');
    const toCoordinator = coordinatorTables.filter((t) => !placed.get(t));
    if (toReference.length + toDistribute.length + toCoordinator.length === 0) return;
    // Shards are created over one connection per node, in the order of this transaction.
    await sql`set local citus.multi_shard_modify_mode to 'sequential'`.execute(trx);
    if (options.shardCount) await sql`select set_config('citus.shard_count', ${String(options.shardCount)}, true)`.execute(trx);
    // Only the tables' own keys: on a database distributed before, the shards Citus keeps on the
    // coordinator carry copies of them, which Citus manages itself.
    const { rows: foreignKeys } = await sql<{ tbl: string; name: string; def: string }>`
      select conrelid::regclass::text as tbl, conname as name, pg_get_constraintdef(oid) as def
      from pg_constraint where contype = 'f' and connamespace = 'public'::regnamespace order by conrelid::regclass::text, conname`.execute(trx);
    const keys = foreignKeys.filter((key) => placed.has(key.tbl));
    for (const key of keys) await sql`alter table ${sql.table(key.tbl)} drop constraint ${sql.ref(key.name)}`.execute(trx);
    for (const table of toReference) {
      await sql`select create_reference_table(${table})`.execute(trx);
      report.reference.push(table);
    }
    if (toDistribute.includes('accounts')) {
      // external_id cannot be unique on its own across shards: the id derived from it is (decision 0028).
      await sql`alter table accounts drop constraint if exists accounts_external_id_key`.execute(trx);
      await sql`create index if not exists accounts_external_id_idx on accounts (external_id) where external_id is not null`.execute(trx);
    }
    for (const table of toDistribute) {
      if (table === 'accounts') await sql`select create_distributed_table('accounts', 'id')`.execute(trx);
      else await sql`select create_distributed_table(${table}, ${keyedTables.get(table) ?? 'account_id'}, colocate_with => 'accounts')`.execute(trx);
      report.distributed.push(table);
    }
    for (const table of toCoordinator) {
      await sql`select citus_add_local_table_to_metadata(${table})`.execute(trx);
      report.coordinator.push(table);
    }
    for (const key of keys) await sql`alter table ${sql.table(key.tbl)} add constraint ${sql.ref(key.name)} ${sql.raw(key.def)}`.execute(trx);
  });
  return report;
}
