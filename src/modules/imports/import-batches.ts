import { sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import type { KindImporter, RowFailure, SourceRow, Unit } from './import-kind.ts';
import { failUnit } from './import-kind.ts';
import type { ImportCounts } from './imports.schema.ts';

export type BatchWriter = {
  /** Validates, then writes one batch of records and its progress in one transaction. */
  write(units: SourceRow[][]): Promise<void>;
  /** Rows skipped before any record was made of them (a return line); recorded with the next write. */
  skip(rows: number, reason: string): void;
  /** Counts so far, for progress; the imports row holds what was committed. */
  counts: ImportCounts;
};

type Progress = { importId: string; bytesRead(): number };

export const emptyCounts = (): ImportCounts => ({ rows_read: 0, inserted: 0, updated: 0, skipped: 0, failed: 0, skipped_reasons: {} });

function addCounts(to: ImportCounts, delta: ImportCounts): void {
  to.rows_read += delta.rows_read;
  to.inserted += delta.inserted;
  to.updated += delta.updated;
  to.skipped += delta.skipped;
  to.failed += delta.failed;
  for (const [reason, n] of Object.entries(delta.skipped_reasons)) to.skipped_reasons[reason] = (to.skipped_reasons[reason] ?? 0) + n;
}

/**
 * Adds a transaction's counts to the import's row in that same transaction: the stored report is
 * the sum of what was committed, whatever happens to the batches around it.
 */
async function recordProgress(db: Db, progress: Progress, delta: ImportCounts, failures: RowFailure[], at: Date) {
  if (failures.length > 0) {
    await db
      .insertInto('import_failures')
      .values(failures.map((f) => ({ import_id: progress.importId, row_number: f.row, reason: f.reason, fields: f.fields })))
      .onConflict((oc) => oc.columns(['import_id', 'row_number']).doNothing())
      .execute();
  }
  await db
    .updateTable('imports')
    .set({
      rows_read: sql`rows_read + ${delta.rows_read}`,
      inserted: sql`inserted + ${delta.inserted}`,
      updated: sql`updated + ${delta.updated}`,
      skipped: sql`skipped + ${delta.skipped}`,
      failed: sql`failed + ${delta.failed}`,
      skipped_reasons: sql`(select coalesce(jsonb_object_agg(reason, n), '{}'::jsonb) from (
        select reason, sum(n::integer) as n from (
          select * from jsonb_each_text(imports.skipped_reasons) union all select * from jsonb_each_text(${JSON.stringify(delta.skipped_reasons)}::jsonb)
        ) as e(reason, n) group by reason) as s)`,
      bytes_read: progress.bytesRead(),
      heartbeat_at: at,
    })
    .where('id', '=', progress.importId)
    .execute();
}

function databaseReason(error: unknown): string {
  return `the database refused it: ${error instanceof Error ? error.message : String(error)}`;
}

const outcomeCounts = (rows: number, outcome: { inserted: number; updated: number; skipped: number; failures: RowFailure[] }): ImportCounts => ({
  rows_read: rows,
  inserted: outcome.inserted,
  updated: outcome.updated,
  skipped: outcome.skipped,
  failed: outcome.failures.length,
  skipped_reasons: outcome.skipped > 0 ? { unchanged: outcome.skipped } : {},
});

/**
 * Turns batches of rows into records and writes each batch in one transaction with its failed rows
 * and the import's counters, so what is stored and what the report says never disagree. If the
 * database refuses a batch (a rule validation did not know), each record is retried alone, so one
 * bad record fails by itself and none is ever half written.
 */
export function createBatchWriter<T>(
  db: Db,
  importer: KindImporter<T>,
  progress: Progress,
  options: { actorId: string | null; usersByEmail: Map<string, string>; startPlaybooks: boolean; createCustomers: boolean; now: () => Date },
): BatchWriter {
  const counts = emptyCounts();
  let unrecorded = emptyCounts();
  return {
    counts,
    skip(rows, reason) {
      const delta = { ...emptyCounts(), rows_read: rows, skipped: rows, skipped_reasons: { [reason]: rows } };
      addCounts(unrecorded, delta);
      addCounts(counts, delta);
    },
    async write(groups) {
      const at = options.now();
      // Rows that never reach the database: skipped or failed before any write.
      const read = unrecorded;
      unrecorded = emptyCounts();
      const failures: RowFailure[] = [];
      const valid: Unit<T>[] = [];
      const firstRowOfKey = new Map<string, number>();
      for (const rows of groups) {
        const problem = rows[0]?.problem;
        const parsed = problem ? { reason: problem } : importer.parse(rows, options);
        if ('skip' in parsed) addCounts(read, { ...emptyCounts(), rows_read: rows.length, skipped: rows.length, skipped_reasons: { [parsed.skip]: rows.length } });
        else if ('reason' in parsed) failures.push(...failUnit({ rows }, parsed.reason));
        else {
          const earlier = firstRowOfKey.get(parsed.key);
          if (earlier !== undefined) failures.push(...failUnit({ rows }, `duplicate key ${parsed.key}: also on row ${earlier}`));
          else {
            firstRowOfKey.set(parsed.key, rows[0]?.row ?? 0);
            valid.push({ rows, value: parsed.value, key: parsed.key });
          }
        }
      }
      addCounts(read, { ...emptyCounts(), rows_read: failures.length, failed: failures.length });
      const validRows = valid.reduce((n, u) => n + u.rows.length, 0);
      try {
        const delta = await db.transaction().execute(async (trx) => {
          const outcome = valid.length > 0 ? await importer.write({ trx, at, ...options }, valid) : { inserted: 0, updated: 0, skipped: 0, failures: [] };
          const written = outcomeCounts(validRows, outcome);
          addCounts(written, read);
          await recordProgress(trx, progress, written, [...failures, ...outcome.failures], at);
          return written;
        });
        addCounts(counts, delta);
      } catch {
        // The batch was rolled back as a whole; writing record by record finds the one to blame,
        // each record with its own counts, so a report never counts a record that was not written.
        await db.transaction().execute((trx) => recordProgress(trx, progress, read, failures, at));
        addCounts(counts, read);
        for (const unit of valid) {
          try {
            const delta = await db.transaction().execute(async (trx) => {
              const outcome = await importer.write({ trx, at, ...options }, [unit]);
              const written = outcomeCounts(unit.rows.length, outcome);
              await recordProgress(trx, progress, written, outcome.failures, at);
              return written;
            });
            addCounts(counts, delta);
          } catch (error) {
            const failed = failUnit(unit, databaseReason(error));
            const delta = { ...emptyCounts(), rows_read: failed.length, failed: failed.length };
            await db.transaction().execute((trx) => recordProgress(trx, progress, delta, failed, at));
            addCounts(counts, delta);
          }
        }
      }
    },
  };
}
