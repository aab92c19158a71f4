import type { Readable } from 'node:stream';
import { now } from '../../platform/clock.ts';
import { appendEvent } from '../../platform/events.ts';
import type { Db } from '../../platform/db.ts';
import type { ImportKind } from '../../platform/db-tables-integrations.ts';
import { mapRow, resolveColumns } from './columns.ts';
import { openCsv } from './csv-records.ts';
import { createBatchWriter } from './import-batches.ts';
import type { SourceRow } from './import-kind.ts';
import { importers } from './importers.ts';
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

/**
 * Imports one CSV file as it streams in, in constant memory: rows are read, grouped into records
 * (an order's line rows belong together), validated, and written in batches of about `batchSize`
 * rows, one transaction each. Every row ends up inserted, updated, skipped or failed with a reason.
 */
export async function runImport(db: Db, input: ImportInput): Promise<ImportReport> {
  const started = performance.now();
  const { kind } = input.options;
  const record = await db
    .insertInto('imports')
    .values({ kind, file_name: input.fileName, preset: input.options.preset ?? null, started_by: input.startedBy, bytes_total: input.bytesTotal ?? null, started_at: now(), heartbeat_at: now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  // One import.completed event instead of an account.created per row: a subscriber hears about a
  // 100,000-row import once, and the import stays close to COPY speed (docs/decisions/0007).
  const finish = async (status: 'done' | 'failed', message: string | null) => {
    await db.transaction().execute(async (trx) => {
      const done = await trx.updateTable('imports').set({ status, message, finished_at: now(), heartbeat_at: now() }).where('id', '=', record.id)
        .returning(['kind', 'file_name', 'status', 'rows_read', 'inserted', 'updated', 'skipped', 'failed']).executeTakeFirstOrThrow();
      await appendEvent(trx, { type: 'import.completed', accountId: null, subjectId: record.id, actorId: input.startedBy, payload: done });
    });
  };
  let delimiter = input.options.delimiter ?? ',';
  let writer: ReturnType<typeof createBatchWriter> | null = null;
  try {
    const csv = await openCsv(input.source, { delimiter: input.options.delimiter, encoding: input.options.encoding });
    delimiter = csv.delimiter;
    const columns = resolveColumns(kind, csv.header, input.options.preset, input.options.map);
    await db.updateTable('imports').set({ header: csv.header }).where('id', '=', record.id).execute();
    const usersByEmail = await activeUsersByEmail(db);
    const batch = importers[kind].use((importer) =>
      createBatchWriter(db, importer, { importId: record.id, bytesRead: csv.bytesRead }, { actorId: input.startedBy, usersByEmail, startPlaybooks: input.options.start_playbooks, now }),
    );
    const continues = importers[kind].use((importer) => importer.continues);
    writer = batch;
    const report = () =>
      input.onProgress?.({ ...batch.counts, bytes_read: csv.bytesRead(), bytes_total: input.bytesTotal ?? null, elapsed_ms: performance.now() - started });
    const batchSize = input.batchSize ?? 1000;
    let pending: SourceRow[][] = [];
    let pendingRows = 0;
    let current: SourceRow[] = [];
    // Batches are written while the next ones are read and validated: on a server the database
    // works (on two connections) while Node parses. A failed write is kept, not dropped, and thrown
    // at the next flush.
    const writing: Promise<unknown>[] = [];
    const awaitWrites = async (keep: number) => {
      while (writing.length > keep) {
        const error = await writing.shift();
        if (error) throw error;
      }
    };
    const flush = async () => {
      await awaitWrites((input.parallelBatches ?? 2) - 1);
      writing.push(batch.write(pending).then(() => {
        report();
        return null;
      }, (error: unknown) => error ?? new Error('import batch failed')));
      pending = [];
      pendingRows = 0;
    };
    for await (const row of csv.rows) {
      const problem = rowProblem(row, csv.header.length);
      const sourceRow: SourceRow = problem ? { row: row.row, fields: row.fields, record: {}, problem } : { row: row.row, fields: row.fields, record: mapRow(columns, row.fields) };
      const last = current[current.length - 1];
      if (last && !problem && continues?.(last, sourceRow)) {
        current.push(sourceRow);
        continue;
      }
      if (current.length > 0) pending.push(current);
      pendingRows += current.length;
      current = [sourceRow];
      if (pendingRows >= batchSize) await flush();
    }
    if (current.length > 0) pending.push(current);
    await flush();
    await awaitWrites(0);
    await finish('done', null);
  } catch (error) {
    await finish('failed', error instanceof Error ? error.message : String(error));
    throw error;
  }
  const counts = writer?.counts ?? { rows_read: 0, inserted: 0, updated: 0, skipped: 0, failed: 0 };
  return { ...counts, id: record.id, kind, file_name: input.fileName, status: 'done', delimiter, message: null, millis: performance.now() - started };
}
