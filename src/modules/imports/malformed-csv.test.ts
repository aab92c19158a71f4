import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../../../tests/helpers/test-db.ts';
import type { DbHandle } from '../../platform/db.ts';
import { type ImportOptions, importOptions } from './imports.schema.ts';
import { runImport } from './run-import.ts';

let handle: DbHandle;
let dir: string;
beforeAll(async () => {
  handle = await openTestDb();
  dir = mkdtempSync(join(tmpdir(), 'afterclose-import-'));
});
afterAll(async () => {
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
});

async function importText(content: string | Buffer, options: Partial<ImportOptions> = {}) {
  const report = await runImport(handle.db, {
    source: Readable.from([Buffer.from(content)]),
    fileName: 'test.csv',
    options: importOptions.parse({ kind: 'accounts', ...options }),
    startedBy: null,
  });
  const failures = await handle.db.selectFrom('import_failures').select(['row_number', 'reason']).where('import_id', '=', report.id).orderBy('row_number').execute();
  const { rows_read, inserted, updated, skipped, failed, delimiter } = report;
  return { counts: { rows_read, inserted, updated, skipped, failed }, delimiter, failures: failures.map((f) => `${f.row_number}: ${f.reason}`) };
}

describe('a malformed CSV corpus gives an exact report', () => {
  it('finds a semicolon delimiter from the header and drops a byte-order mark', async () => {
    const result = await importText('\uFEFFexternal_id;name;tags\r\nS-1;Semi Colon Ltd;"vip;coffee"\r\nS-2;Second Oy;\r\n');
    expect(result).toEqual({ counts: { rows_read: 2, inserted: 2, updated: 0, skipped: 0, failed: 0 }, delimiter: ';', failures: [] });
    const tags = await handle.db.selectFrom('accounts').select('tags').where('external_id', '=', 'S-1').executeTakeFirstOrThrow();
    expect(tags.tags).toEqual(['vip', 'coffee']);
  });

  it('refuses a file read with the wrong delimiter before any row, naming the missing columns', async () => {
    await expect(importText('external_id;name\nW-1;Wrong\n', { delimiter: ',' })).rejects.toThrow(
      'The file has no column "external_id", "name". Rename the columns, or map them. The header is one column: is the delimiter right?',
    );
    const stored = await handle.db.selectFrom('imports').select(['status', 'message']).orderBy('started_at', 'desc').executeTakeFirstOrThrow();
    expect(stored.status).toBe('failed');
  });

  it('keeps line breaks inside quoted fields, and reports rows with the wrong number of fields', async () => {
    const result = await importText('external_id,name,tags\nQ-1,"Quoted\nNewline Inc",a\nQ-2,Too,many,fields\nQ-3\nQ-4,"Fine, really",\n');
    expect(result.counts).toEqual({ rows_read: 4, inserted: 2, updated: 0, skipped: 0, failed: 2 });
    expect(result.failures).toEqual(['3: has 4 fields, the header has 3', '4: has 1 fields, the header has 3']);
    const names = await handle.db.selectFrom('accounts').select('name').where('external_id', 'in', ['Q-1', 'Q-4']).orderBy('external_id').execute();
    expect(names.map((n) => n.name)).toEqual(['Quoted\nNewline Inc', 'Fine, really']);
  });

  it('reports text that is not UTF-8, and imports it as latin1 when told', async () => {
    const latin1 = Buffer.from('external_id,name\nL-1,Caf\xe9 M\xfcller\nL-2,Plain\n', 'latin1');
    const asUtf8 = await importText(latin1);
    expect(asUtf8.counts).toEqual({ rows_read: 2, inserted: 1, updated: 0, skipped: 0, failed: 1 });
    expect(asUtf8.failures).toEqual(['2: contains text that is not UTF-8: save the file as UTF-8, or import it with the latin1 encoding']);
    const asLatin1 = await importText(latin1, { encoding: 'latin1' });
    expect(asLatin1.counts).toEqual({ rows_read: 2, inserted: 1, updated: 0, skipped: 1, failed: 0 });
    const cafe = await handle.db.selectFrom('accounts').select('name').where('external_id', '=', 'L-1').executeTakeFirstOrThrow();
    expect(cafe.name).toBe('Café Müller');
  });

  it('names the reason of each bad value and of a quote that never closes', async () => {
    const csv = [
      'external_id,name,kind,owner_email',
      'B-1,,company,',
      'B-2,Bad kind,shop,',
      'B-3,Nobody owns,company,ghost@example.com',
      'B-4,Good,person,sales@test.example',
      'B-4,Again,company,',
      'B-5,"Never closed,company,',
      'B-6,Swallowed,company,',
    ].join('\n');
    const result = await importText(csv);
    expect(result.counts).toEqual({ rows_read: 6, inserted: 1, updated: 0, skipped: 0, failed: 5 });
    expect(result.failures).toEqual([
      '2: name: is empty',
      '3: kind: kind must be company or person',
      '4: owner_email: no active user ghost@example.com',
      '6: duplicate key B-4: also on row 5',
      '7: not valid CSV: Quote Not Closed: the parsing is finished with an opening quote at line 8',
    ]);
  });

  it('imports 100,000 good rows and fails the one bad row among them, then re-imports without duplicating', async () => {
    const path = join(dir, 'big.csv');
    const lines = ['external_id,name,lifecycle'];
    for (let i = 1; i <= 100_001; i++) lines.push(i === 50_000 ? `BIG-${i},Broken,unknown` : `BIG-${i},Customer ${i},customer`);
    writeFileSync(path, `${lines.join('\n')}\n`);
    const run = () => runImport(handle.db, { source: createReadStream(path), fileName: 'big.csv', options: importOptions.parse({ kind: 'accounts' }), startedBy: null, batchSize: 5000 });
    const first = await run();
    expect(first).toMatchObject({ rows_read: 100_001, inserted: 100_000, updated: 0, skipped: 0, failed: 1, status: 'done' });
    const failures = await handle.db.selectFrom('import_failures').select(['row_number', 'reason', 'fields']).where('import_id', '=', first.id).execute();
    expect(failures).toEqual([{ row_number: 50_001, reason: 'lifecycle: lifecycle must be prospect, customer or lost', fields: ['BIG-50000', 'Broken', 'unknown'] }]);
    const again = await run();
    expect(again).toMatchObject({ inserted: 0, updated: 0, skipped: 100_000, failed: 1 });
    const count = await handle.db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).where('external_id', 'like', 'BIG-%').executeTakeFirstOrThrow();
    expect(count.n).toBe(100_000);
    // 200,000 rows through PGlite take about 20 s alone; the whole suite shares two cores with it.
  }, 180_000);
});
