import { sql } from 'kysely';
import { now } from '../src/platform/clock.ts';
import { hasCitus } from '../src/platform/citus.ts';
import type { Db } from '../src/platform/db.ts';
import { generateAccount } from './account-history.ts';
import { type GenerationContext, generatedExternalIdPrefix } from './account-plan.ts';
import { buildCatalog, type Product } from './catalog.ts';
import { createIdSource, createRandom, deriveSeed } from './random.ts';
import { type Rhythm, orderScaleFor, rhythmMix } from './rhythm.ts';
import { createWriters, type GeneratedTable, generatedTables, type SkippableTable } from './tables.ts';

export { externalIdFor } from './account-plan.ts';
export type { Rhythm } from './rhythm.ts';
export type { GeneratedTable } from './tables.ts';

export type GenerateOptions = {
  seed: number;
  accounts: number;
  /** Owners of accounts and deals; accounts are spread over them. */
  salesUserIds: readonly string[];
  /** Service owners; they get check-ins, cards and surveys. */
  serviceUserIds: readonly string[];
  /** The end of the two-year history; "overdue" and "planned" are relative to it. Default: now(). */
  asOf?: Date;
  /**
   * Share of accounts per buying rhythm (loyal every 20–60 days, occasional every 90–200, one-time,
   * lapsing, prospect); weights need not sum to 1. Default: rhythmMix in rhythm.ts.
   */
  rhythmMix?: Readonly<Record<Rhythm, number>>;
  /** Mean orders per account; the gaps of the repeat rhythms shrink or stretch to reach it. Default: what the mix gives (about 6.5). */
  ordersPerAccount?: number;
  /** Mean touches per account (deal conversations included). Default 8. */
  touchesPerAccount?: number;
  /** Tables to leave empty (their rows are generated and dropped); a benchmark that never reads them loads faster. */
  skipTables?: readonly SkippableTable[];
  /** Rows per insert statement. */
  chunkSize?: number;
  onProgress?: (accountsDone: number, accounts: number) => void;
};

export type GenerateResult = {
  asOf: Date;
  rows: Record<GeneratedTable, number>;
  /** Time spent in insert statements per table, for rows/s figures. */
  insertMillis: Record<GeneratedTable, number>;
  analyzeMillis: number;
  totalMillis: number;
};

/**
 * What the app's services keep current as they write (decisions 0028, 0041), set once for the
 * bulk-loaded rows: every account's search document, which account holds each external id, and
 * every deal's next step and last activity.
 */
async function deriveAfterLoad(db: Db): Promise<void> {
  await sql`select refresh_account_search(array(select id from accounts))`.execute(db);
  // A generated account's id is the key of its external id (account-plan.ts), so on Citus each
  // row is written on its account's own shard.
  await sql`
    insert into account_external_ids (key, external_id, account_id)
    select id, external_id, id from accounts where starts_with(external_id, ${generatedExternalIdPrefix})`.execute(db);
  await sql`
    update deals d set next_step_at = s.next_step_at, last_activity_at = s.last_activity_at
    from (
      select account_id, deal_id,
        min(due_at) filter (where status = 'planned') as next_step_at,
        max(done_at) filter (where status = 'done') as last_activity_at
      from touches where deal_id is not null group by account_id, deal_id
    ) s
    where d.account_id = s.account_id and d.id = s.deal_id`.execute(db);
}

/**
 * Writes a whole deterministic business (catalogue, accounts, contacts, two years of orders, deals,
 * touches and the events the app would have written) into `db`, which may be a transaction.
 * Account i always gets the same data for the same seed, as-of date and sizes.
 */
export async function generateBusiness(db: Db, options: GenerateOptions): Promise<GenerateResult> {
  if (options.salesUserIds.length === 0 || options.serviceUserIds.length === 0) {
    throw new Error('generateBusiness needs at least one sales and one service user');
  }
  const started = performance.now();
  const asOf = options.asOf ?? now();
  const chunkSize = options.chunkSize ?? 10_000;
  const writers = createWriters(db, options.skipTables);
  const ids = createIdSource(options.seed);
  const products = buildCatalog(createRandom(deriveSeed(options.seed, 0)), ids, asOf, writers.products);
  const productsByCategory = new Map<string, Product[]>();
  for (const product of products) {
    productsByCategory.set(product.category, [...(productsByCategory.get(product.category) ?? []), product]);
  }
  const ctx: GenerationContext = {
    asOfMs: asOf.getTime(),
    ids,
    writers,
    products,
    productsByCategory,
    salesUserIds: options.salesUserIds,
    serviceUserIds: options.serviceUserIds,
    rhythmMix: options.rhythmMix ?? rhythmMix,
    orderScale: orderScaleFor(options.ordersPerAccount, options.rhythmMix ?? rhythmMix),
    touchesPerAccount: options.touchesPerAccount ?? 8,
  };
  const all = generatedTables.map((table) => writers[table]);
  for (let index = 0; index < options.accounts; index++) {
    generateAccount(ctx, createRandom(deriveSeed(options.seed, 1, index)), index);
    const full = all.filter((writer) => writer.buffered >= chunkSize);
    for (const writer of full) await writer.flush();
    if (full.length > 0) options.onProgress?.(index + 1, options.accounts);
  }
  for (const writer of all) await writer.flush();
  options.onProgress?.(options.accounts, options.accounts);
  await deriveAfterLoad(db);

  // PGlite runs no autovacuum, so without this the planner would treat the new tables as empty.
  // Citus refuses ANALYZE in a transaction that read a table on the coordinator; its workers run
  // autovacuum, which analyzes their shards.
  const analyzeStarted = performance.now();
  if (!(await hasCitus(db))) await sql`analyze ${sql.join(generatedTables.map((table) => sql.table(table)))}`.execute(db);
  const analyzeMillis = performance.now() - analyzeStarted;

  const rows = Object.fromEntries(generatedTables.map((t) => [t, writers[t].written])) as Record<GeneratedTable, number>;
  const insertMillis = Object.fromEntries(generatedTables.map((t) => [t, writers[t].millis])) as Record<GeneratedTable, number>;
  return { asOf, rows, insertMillis, analyzeMillis, totalMillis: performance.now() - started };
}
