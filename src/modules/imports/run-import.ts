import type { Readable } from 'node:stream';
import { now } from '../../platform/clock.ts';
import { recordAudit } from '../../platform/audit.ts';
import { appendEvent } from '../../platform/events.ts';
import type { Db } from '../../platform/db.ts';
import type { ImportKind } from '../../platform/db-schema.ts';
import { type ColumnIndex, mapRow, resolveColumns } from './columns.ts';
import { type CsvLimits, defaultCsvLimits } from './csv-limits.ts';
import { type CsvFile, openCsv } from './csv-records.ts';
import { type BatchWriter, createBatchWriter } from './import-batches.ts';
import type { KindImporter, SourceRow } from './import-kind.ts';
import { importers } from './importers.ts';
import { abandonedAfterMs } from './imports.queries.ts';
import { dropAbandonedStagedRows, dropStagedRows, type StagedRow, stageOrderRows, stagedOrders } from './order-staging.ts';
import type { ImportCounts, ImportOptions, ImportProgress } from './imports.schema.ts';

export type ImportInput = {
  source: Readable;
  fileName: string;
  /** The upload's size when known, for a percentage and an ETA. */
  bytesTotal?: number | null;
  options: ImportOptions;
  startedBy: string | null;
  onProgress?: (progress: ImportProgress) => void;
  /** Rows per transaction. */
  batchSize?: number;
  /** Batches written at once; more than one only helps on a server, whose pool has several connections. */
  parallelBatches?: number;
};

export type ImportReport = ImportCounts & { id: string; kind: ImportKind; file_name: string; status: 'done' | 'failed'; delimiter: string; message: string | null; millis: number };

async function activeUsersByEmail(db: Db): Promise<Map<string, string>> {
  const users = await db.selectFrom('users').select(['id', 'email']).where('active', '=', true).execute();
  return new Map(users.map((u) => [u.email.toLowerCase(), u.id]));
}

function rowProblem(row: { fields: string[]; error?: string | undefined }, columns: number): string | null {
  if (row.error) return row.error;
  if (row.fields.length !== columns) return `has ${row.fields.length} fields, the header has ${columns}`;
  // A byte that is not UTF-8 decodes to U+FFFD: the file was saved in another encoding.
  if (row.fields.some((field) => field.includes('\uFFFD'))) return 'contains text that is not UTF-8: save the file as UTF-8, or import it with the latin1 encoding';
  return null;
}

type WriteQueue = { write(groups: SourceRow[][]): Promise<void>; drain(): Promise<void>; settle(): Promise<void> };

/**
 * Batches are written while the next ones are read and validated: on a server the database works
 * (on several connections) while Node parses. A failed write is kept, not dropped, and thrown at
 * the next write.
 */
function writeQueue(batch: BatchWriter, parallel: number, onWritten: () => void): WriteQueue {
  const writing: Promise<unknown>[] = [];
  const awaitWrites = async (keep: number) => {
    while (writing.length > keep) {
      const error = await writing.shift();
      if (error) throw error;
    }
  };
  return {
    async write(groups) {
      await awaitWrites(parallel - 1);
      writing.push(batch.write(groups).then(() => {
        onWritten();
        return null;
      }, (error: unknown) => error ?? new Error('import batch failed')));
    },
    drain: () => awaitWrites(0),
    // Every write in flight ends (none rejects) before a failed import is marked: its counts are final.
    settle: async () => {
      await Promise.all(writing.splice(0));
    },
  };
}

type ReadContext = { db: Db; importId: string; csv: CsvFile; columns: ColumnIndex; batch: BatchWriter; queue: WriteQueue; batchSize: number; beat(): Promise<void> };

/**
 * Reads every row: a row that cannot be read or has no group fails on its own; a row of a kind
 * whose records span rows (orders) is staged in the database, and once the file is read each
 * group is read back whole, so that no row's place in the file changes what is imported.
 */
async function importRows<T>(importer: KindImporter<T>, { db, importId, csv, columns, batch, queue, batchSize, beat }: ReadContext): Promise<void> {
  let pending: SourceRow[][] = [];
  let staged: StagedRow[] = [];
  for await (const row of csv.rows) {
    const problem = rowProblem(row, csv.header.length);
    const sourceRow: SourceRow = problem ? { row: row.row, fields: row.fields, record: {}, problem } : { row: row.row, fields: row.fields, record: mapRow(columns, row.fields) };
    if (!problem) {
      const skip = importer.skipRow?.(sourceRow);
      if (skip) {
        batch.skip(1, skip);
        continue;
      }
      const key = importer.groupKey?.(sourceRow);
      if (key !== undefined) {
        staged.push({ orderNumber: key, row: row.row, fields: row.fields });
        if (staged.length >= batchSize) {
          await stageOrderRows(db, importId, staged);
          staged = [];
          await beat();
        }
        continue;
      }
    }
    pending.push([sourceRow]);
    if (pending.length >= batchSize) {
      await queue.write(pending);
      pending = [];
    }
  }
  await stageOrderRows(db, importId, staged);
  if (importer.groupKey) {
    let pendingRows = pending.length;
    for await (const rows of stagedOrders(db, importId, batchSize)) {
      pending.push(rows.map((r) => ({ row: r.row, fields: r.fields, record: mapRow(columns, r.fields) })));
      pendingRows += rows.length;
      if (pendingRows >= batchSize) {
        await queue.write(pending);
        pending = [];
        pendingRows = 0;
      }
    }
  }
  // Always one last write, empty or not: it records the rows skipped since the one before.
  await queue.write(pending);
  await queue.drain();
}

/**
 * Imports one CSV file as it streams in, in constant memory: rows are read, grouped into records
 * (an order's line rows belong together, wherever they are), validated, and written in batches of
 * about `batchSize` rows, one transaction each. Every row ends up inserted, updated, skipped or
 * failed with a reason, and the report is what the database holds, also when the import fails.
 */
export async function runImport(db: Db, input: ImportInput): Promise<ImportReport> {
  const started = performance.now();
  const { kind } = input.options;
  // An upload can break off before the first byte is read; with no listener yet that error would
  // end the process. The stream keeps the error, and reading it below throws it all the same.
  input.source.once('error', () => undefined);
  await dropAbandonedStagedRows(db, new Date(now().getTime() - abandonedAfterMs));
  const record = await db
    .insertInto('imports')
    .values({ kind, file_name: input.fileName, preset: input.options.preset ?? null, started_by: input.startedBy, bytes_total: input.bytesTotal ?? null, started_at: now(), heartbeat_at: now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  // One import.completed event instead of an account.created per row: a subscriber hears about a
  // 100,000-row import once, and the import stays close to COPY speed (docs/decisions/0007).
  const finish = async (status: 'done' | 'failed', message: string | null) =>
    db.transaction().execute(async (trx) => {
      const done = await trx.updateTable('imports').set({ status, message, finished_at: now(), heartbeat_at: now() }).where('id', '=', record.id)
        .returning(['kind', 'file_name', 'status', 'rows_read', 'inserted', 'updated', 'skipped', 'failed', 'skipped_reasons']).executeTakeFirstOrThrow();
      await appendEvent(trx, { type: 'import.completed', accountId: null, subjectId: record.id, actorId: input.startedBy, payload: done });
      const { kind, file_name, rows_read, inserted, updated, skipped, failed } = done;
      await recordAudit(trx, {
        actorId: input.startedBy,
        action: status === 'done' ? 'import.completed' : 'import.failed',
        entityType: 'import',
        entityId: record.id,
        changes: { kind, file_name, rows_read, inserted, updated, skipped, failed },
      });
      await dropStagedRows(trx, record.id);
      return done;
    });
  let delimiter = input.options.delimiter ?? ',';
  let queue: WriteQueue | null = null;
  try {
    const limits: CsvLimits = {
      maxFieldBytes: input.options.max_field_bytes ?? defaultCsvLimits.maxFieldBytes,
      maxRowBytes: Math.max(defaultCsvLimits.maxRowBytes, input.options.max_field_bytes ?? 0),
      maxColumns: input.options.max_columns ?? defaultCsvLimits.maxColumns,
    };
    const csv = await openCsv(input.source, { delimiter: input.options.delimiter, encoding: input.options.encoding, limits });
    delimiter = csv.delimiter;
    const columns = resolveColumns(kind, csv.header, input.options.preset, input.options.map);
    await db.updateTable('imports').set({ header: csv.header }).where('id', '=', record.id).execute();
    const usersByEmail = await activeUsersByEmail(db);
    const options = { actorId: input.startedBy, usersByEmail, startPlaybooks: input.options.start_playbooks, createCustomers: input.options.create_customers, now };
    const progress = { importId: record.id, bytesRead: csv.bytesRead };
    await importers[kind].use(async (importer) => {
      const batch = createBatchWriter(db, importer, progress, options);
      const report = () =>
        input.onProgress?.({ ...batch.counts, bytes_read: csv.bytesRead(), bytes_total: input.bytesTotal ?? null, elapsed_ms: performance.now() - started });
      // Orders are merged one batch at a time: two batches creating the same new customer at once
      // would otherwise race, and which one won would depend on timing.
      const parallel = importer.groupKey ? 1 : (input.parallelBatches ?? 2);
      queue = writeQueue(batch, parallel, report);
      const beat = async () => {
        await db.updateTable('imports').set({ bytes_read: csv.bytesRead(), heartbeat_at: now() }).where('id', '=', record.id).execute();
        report();
      };
      await importRows(importer, { db, importId: record.id, csv, columns, batch, queue, batchSize: input.batchSize ?? 1000, beat });
    });
  } catch (error) {
    await (queue as WriteQueue | null)?.settle();
    await finish('failed', error instanceof Error ? error.message : String(error));
    throw error;
  }
  const done = await finish('done', null);
  const { rows_read, inserted, updated, skipped, failed, skipped_reasons } = done;
  return { rows_read, inserted, updated, skipped, failed, skipped_reasons, id: record.id, kind, file_name: input.fileName, status: 'done', delimiter, message: null, millis: performance.now() - started };
}
