import type { Db } from '../../platform/db.ts';
import type { KindImporter, RowFailure, SourceRow, Unit } from './import-kind.ts';
import { failUnit } from './import-kind.ts';
import type { ImportCounts } from './imports.schema.ts';

export type BatchWriter = {
  /** Validates, then writes one batch of records and its progress in one transaction. */
  write(units: SourceRow[][]): Promise<void>;
  counts: ImportCounts;
};

type Progress = { importId: string; bytesRead(): number };

async function recordProgress(db: Db, progress: Progress, counts: ImportCounts, failures: RowFailure[], at: Date) {
  if (failures.length > 0) {
    await db
      .insertInto('import_failures')
      .values(failures.map((f) => ({ import_id: progress.importId, row_number: f.row, reason: f.reason, fields: f.fields })))
      .onConflict((oc) => oc.columns(['import_id', 'row_number']).doNothing())
      .execute();
  }
  await db
    .updateTable('imports')
    .set({ ...counts, bytes_read: progress.bytesRead(), heartbeat_at: at })
    .where('id', '=', progress.importId)
    .execute();
}

function databaseReason(error: unknown): string {
  return `the database refused it: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * Turns batches of rows into records and writes each batch in one transaction with its failed rows
 * and the import's counters, so what is stored and what the report says never disagree. If the
 * database refuses a batch (a rule validation did not know), each record is retried alone, so one
 * bad record fails by itself and none is ever half written.
 */
export function createBatchWriter<T>(db: Db, importer: KindImporter<T>, progress: Progress, options: { actorId: string | null; usersByEmail: Map<string, string>; startPlaybooks: boolean; now: () => Date }): BatchWriter {
  const counts: ImportCounts = { rows_read: 0, inserted: 0, updated: 0, skipped: 0, failed: 0 };
  const add = (outcome: { inserted: number; updated: number; skipped: number; failures: RowFailure[] }) => {
    counts.inserted += outcome.inserted;
    counts.updated += outcome.updated;
    counts.skipped += outcome.skipped;
    counts.failed += outcome.failures.length;
  };
  return {
    counts,
    async write(groups) {
      const at = options.now();
      const failures: RowFailure[] = [];
      const valid: Unit<T>[] = [];
      const firstRowOfKey = new Map<string, number>();
      let skipped = 0;
      for (const rows of groups) {
        counts.rows_read += rows.length;
        const problem = rows[0]?.problem;
        const parsed = problem ? { reason: problem } : importer.parse(rows, options);
        if (parsed === 'skip') skipped += rows.length;
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
      add({ inserted: 0, updated: 0, skipped, failures });
      const before = { ...counts };
      try {
        await db.transaction().execute(async (trx) => {
          const outcome = valid.length > 0 ? await importer.write({ trx, at, ...options }, valid) : { inserted: 0, updated: 0, skipped: 0, failures: [] };
          add(outcome);
          await recordProgress(trx, progress, counts, [...failures, ...outcome.failures], at);
        });
      } catch {
        // The batch was rolled back as a whole; writing record by record finds the one to blame.
        Object.assign(counts, before);
        for (const unit of valid) {
          try {
            const outcome = await db.transaction().execute((trx) => importer.write({ trx, at, ...options }, [unit]));
            add(outcome);
            failures.push(...outcome.failures);
          } catch (error) {
            const failed = failUnit(unit, databaseReason(error));
            add({ inserted: 0, updated: 0, skipped: 0, failures: failed });
            failures.push(...failed);
          }
        }
        await recordProgress(db, progress, counts, failures, at);
      }
    },
  };
}
