import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { importOptions } from '../src/modules/imports/index.ts';
import { runImport } from '../src/modules/imports/index.ts';
import { openDatabase } from '../src/platform/db.ts';
import { migrate } from '../src/platform/migrate.ts';
import { copyCsvInto } from './copy-in.ts';
import { formatCount, formatTable } from './measure.ts';

export type ImportBenchOptions = { databaseUrl: string; rows?: number; rounds?: number; log?: (line: string) => void };
export type ImportBenchReport = { rows: number; copyRowsPerSecond: number; importRowsPerSecond: number; ratio: number };

const databaseName = 'afterclose_bench_import';

/** The same accounts twice: as the CSV a customer would import, and as the COPY input of the same columns. */
function accountsCsv(rows: number, round: number): { file: string; copy: Buffer[] } {
  const lines: string[] = [];
  const copy: Buffer[] = [];
  let block: string[] = [];
  const at = new Date().toISOString();
  for (let i = 0; i < rows; i++) {
    const id = `R${round}-${i}`;
    const name = `Customer ${i} "${i % 7 === 0 ? 'Oy' : 'Ltd'}"`.replaceAll('"', '""');
    const lifecycle = i % 3 === 0 ? 'prospect' : 'customer';
    lines.push(`${id},"${name}",company,${lifecycle},"coffee,tea"`);
    block.push(`${id},"${name}",company,${lifecycle},"{coffee,tea}",${at},${at}\n`);
    if (block.length === 10_000) {
      copy.push(Buffer.from(block.join('')));
      block = [];
    }
  }
  if (block.length > 0) copy.push(Buffer.from(block.join('')));
  return { file: `external_id,name,kind,lifecycle,tags\n${lines.join('\n')}\n`, copy };
}

/**
 * Import throughput against raw COPY into the same table (accounts) on the same PostgreSQL, side by
 * side: each round empties the table, COPYs N rows, empties it again and imports N rows from a CSV
 * file through `runImport` (parse, validate, upsert, account.created events). Best round of each.
 */
export async function benchImportThroughput(options: ImportBenchOptions): Promise<ImportBenchReport> {
  const log = options.log ?? ((line: string) => console.log(line));
  const rows = options.rows ?? 200_000;
  const admin = new pg.Client({ connectionString: options.databaseUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${databaseName} with (force)`);
  await admin.query(`create database ${databaseName}`);
  await admin.end();
  const url = new URL(options.databaseUrl);
  url.pathname = `/${databaseName}`;
  const handle = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 2 });
  const client = new pg.Client({ connectionString: url.toString() });
  const dir = mkdtempSync(join(tmpdir(), 'afterclose-bench-import-'));
  let copyBest = 0;
  let importBest = 0;
  try {
    await migrate(handle.db);
    await client.connect();
    for (let round = 0; round < (options.rounds ?? 2); round++) {
      const data = accountsCsv(rows, round);
      const file = join(dir, `accounts-${round}.csv`);
      writeFileSync(file, data.file);
      await sql`truncate accounts, account_external_ids, events cascade`.execute(handle.db);
      let started = performance.now();
      const copied = await copyCsvInto(client, 'accounts', ['external_id', 'name', 'kind', 'lifecycle', 'tags', 'created_at', 'updated_at'], data.copy);
      copyBest = Math.max(copyBest, copied / ((performance.now() - started) / 1000));
      await sql`truncate accounts, account_external_ids, events cascade`.execute(handle.db);
      started = performance.now();
      const report = await runImport(handle.db, {
        source: createReadStream(file),
        fileName: file,
        options: importOptions.parse({ kind: 'accounts' }),
        startedBy: null,
        batchSize: 5000,
      });
      if (report.inserted !== rows) throw new Error(`The import inserted ${report.inserted} of ${rows} rows`);
      importBest = Math.max(importBest, rows / ((performance.now() - started) / 1000));
      log(`   round ${round + 1}: COPY ${formatCount(copied)} rows, import ${formatCount(report.inserted)} rows`);
    }
  } finally {
    await client.end();
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const ratio = importBest / copyBest;
  log(`\n${formatTable(['accounts into PostgreSQL', 'rows/s'], [
    ['raw COPY', formatCount(copyBest)],
    ['afterclose import (CSV file)', formatCount(importBest)],
    ['import / COPY', `${(ratio * 100).toFixed(0)} %`],
  ])}`);
  return { rows, copyRowsPerSecond: copyBest, importRowsPerSecond: importBest, ratio };
}
