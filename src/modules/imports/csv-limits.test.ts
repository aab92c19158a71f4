import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../../../tests/helpers/test-db.ts';
import type { DbHandle } from '../../platform/db.ts';
import { type ImportOptions, importOptions } from './imports.schema.ts';
import { runImport } from './run-import.ts';

// Issue 13 items 3 and 4: a NUL byte in a cell, an import that breaks off, a giant cell and a
// row of countless columns each cost one row at most, and the report is what the database holds.
let handle: DbHandle;
beforeAll(async () => {
  handle = await openTestDb();
});
afterAll(async () => {
  await handle.close();
});

const run = (source: Readable, options: Partial<ImportOptions> = {}, batchSize?: number) =>
  runImport(handle.db, { source, fileName: 'test.csv', options: importOptions.parse({ kind: 'accounts', ...options }), startedBy: null, ...(batchSize ? { batchSize } : {}) });

async function outcome(importId: string) {
  const stored = await handle.db.selectFrom('imports').select(['status', 'rows_read', 'inserted', 'updated', 'skipped', 'failed']).where('id', '=', importId).executeTakeFirstOrThrow();
  const failures = await handle.db.selectFrom('import_failures').select(['row_number', 'reason', 'fields']).where('import_id', '=', importId).orderBy('row_number').execute();
  return { stored, failures };
}

const countAccounts = async (prefix: string) =>
  Number((await handle.db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).where('external_id', 'like', `${prefix}%`).executeTakeFirstOrThrow()).n);

describe('rows that cannot be stored fail by themselves', () => {
  it('fails a row with a NUL character with a clear reason, keeps its cells without it, and imports the rest', async () => {
    const report = await run(Readable.from([Buffer.from('external_id,name\nN-1,Fine\nN-2,Bad\0Name\nN-3,Also fine\n')]));
    expect(report).toMatchObject({ status: 'done', rows_read: 3, inserted: 2, failed: 1 });
    const { stored, failures } = await outcome(report.id);
    expect(stored).toMatchObject({ status: 'done', rows_read: 3, inserted: 2, failed: 1 });
    expect(failures).toEqual([{ row_number: 3, reason: 'contains a NUL character (byte 0), which no text can hold: remove it and import the row again', fields: ['N-2', 'BadName'] }]);
    expect(await countAccounts('N-')).toBe(2);
  });

  it('an upload that breaks off is marked failed with the counts of the rows it did write', async () => {
    const good = Array.from({ length: 45 }, (_, i) => `X-${i + 1},Broken off ${i + 1}\n`);
    const source = new Readable({ read() {} });
    source.push('external_id,name\n');
    for (const line of good) source.push(line);
    // The stream breaks once a batch is written, while the next ones are: the import waits for them, then fails.
    const broken = runImport(handle.db, {
      source, fileName: 'test.csv', options: importOptions.parse({ kind: 'accounts' }), startedBy: null, batchSize: 10,
      onProgress: () => source.destroy(new Error('the upload broke off')),
    });
    await expect(broken).rejects.toThrow('the upload broke off');
    const latest = await handle.db.selectFrom('imports').select('id').orderBy('started_at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const { stored } = await outcome(latest.id);
    const written = await countAccounts('X-');
    expect(written).toBeGreaterThan(0);
    expect(stored).toMatchObject({ status: 'failed', rows_read: written, inserted: written, failed: 0 });
  });

  it('an upload that breaks off before its first byte is read fails the import, not the process', async () => {
    const source = new Readable({ read() {} });
    const broken = run(source);
    source.destroy(new Error('the client went away'));
    await expect(broken).rejects.toThrow('the client went away');
    const latest = await handle.db.selectFrom('imports').select(['status', 'message', 'rows_read']).orderBy('started_at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(latest).toEqual({ status: 'failed', message: 'the client went away', rows_read: 0 });
  });
});

/** A cell of `bytes` letters, pushed in 64 KB chunks as an upload arrives. */
function* bigCell(bytes: number, quoted: boolean): Generator<string> {
  const chunk = quoted ? 'ab"",\n'.repeat(64 * 1024 / 6) : 'x'.repeat(64 * 1024);
  if (quoted) yield '"';
  for (let sent = 0; sent < bytes; sent += chunk.length) yield chunk;
  if (quoted) yield '"';
}

describe('the size of a row is capped', () => {
  it('fails a row whose cell or column count is over the limit, with the reason, and reads on', async () => {
    const eol = '\r\n';
    const source = Readable.from(
      (function* () {
        yield `external_id,name${eol}L-1,First${eol}L-2,`;
        yield* bigCell(3 * 1024 * 1024, false);
        yield `${eol}L-3,Third${eol}L-4,`;
        yield* bigCell(2 * 1024 * 1024, true);
        yield `${eol}L-5,Fifth${eol}L-6,${'many,'.repeat(5000)}end${eol}L-7,Seventh${eol}`;
      })(),
    );
    const report = await run(source, { max_field_bytes: 64 * 1024, max_columns: 100 });
    expect(report).toMatchObject({ status: 'done', rows_read: 7, inserted: 4, failed: 3 });
    const { failures } = await outcome(report.id);
    expect(failures.map((f) => `${f.row_number}: ${f.reason}`)).toEqual([
      '3: a cell is longer than 65,536 bytes, the limit: the row was not read',
      '5: a cell is longer than 65,536 bytes, the limit: the row was not read',
      '7: the row has more than 100 columns, the limit: the row was not read',
    ]);
    // The report keeps the start of a cut row, not a copy of it.
    expect(failures[0]?.fields).toEqual(['L-2', 'x'.repeat(1000)]);
    expect(failures[2]?.fields).toHaveLength(100);
    const names = await handle.db.selectFrom('accounts').select('name').where('external_id', 'like', 'L-%').orderBy('external_id').execute();
    expect(names.map((n) => n.name)).toEqual(['First', 'Third', 'Fifth', 'Seventh']);
  });

  it('refuses a file whose header has more columns than the limit before reading any row', async () => {
    const header = Array.from({ length: 3000 }, (_, i) => `c${i}`).join(',');
    await expect(run(Readable.from([`external_id,name,${header}\nH-1,Header\n`]), { max_columns: 1000 })).rejects.toThrow(
      'The header line is too large: the row has more than 1,000 columns, the limit',
    );
  });
});
