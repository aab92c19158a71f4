import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { importOptions } from '../src/modules/imports/index.ts';
import { runImport } from '../src/modules/imports/index.ts';
import { openDatabase } from '../src/platform/db.ts';
import { migrate } from '../src/platform/migrate.ts';
import { formatCount } from './measure.ts';

export type ImportMemoryReport = { megabytes: number; rows: number; seconds: number; rssAtStartMb: number; rssPeakMb: number };

const databaseName = 'afterclose_bench_import_memory';
const tags = Array.from({ length: 16 }, (_, i) => `interest-number-${i}`).join(',');

/** Writes an accounts CSV of about `megabytes`, streamed so the generator itself holds no file in memory. */
async function writeAccountsCsv(file: string, megabytes: number): Promise<number> {
  const out = createWriteStream(file);
  const target = megabytes * 1024 * 1024;
  let written = 0;
  let rows = 0;
  const write = (text: string) => new Promise<void>((resolve) => (out.write(text) ? resolve() : out.once('drain', resolve)));
  await write('external_id,name,kind,lifecycle,tags\n');
  while (written < target) {
    const lines: string[] = [];
    for (let i = 0; i < 10_000; i++, rows++) lines.push(`M-${rows},"Customer number ${rows} of the memory benchmark",company,customer,"${tags}"\n`);
    const block = lines.join('');
    written += block.length;
    await write(block);
  }
  await new Promise<void>((resolve) => out.end(resolve));
  return rows;
}

/**
 * Imports a CSV of `megabytes` (2 GB by default) into a fresh PostgreSQL database and samples this
 * process's memory: a streaming import holds a batch, not the file, so RSS stays flat as the file grows.
 */
export async function benchImportMemory(options: { databaseUrl: string; megabytes: number; log?: (line: string) => void }): Promise<ImportMemoryReport> {
  const log = options.log ?? ((line: string) => console.log(line));
  const admin = new pg.Client({ connectionString: options.databaseUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${databaseName} with (force)`);
  await admin.query(`create database ${databaseName}`);
  await admin.end();
  const url = new URL(options.databaseUrl);
  url.pathname = `/${databaseName}`;
  const handle = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 2 });
  const dir = mkdtempSync(join(tmpdir(), 'afterclose-bench-memory-'));
  try {
    await migrate(handle.db);
    const file = join(dir, 'accounts.csv');
    const rows = await writeAccountsCsv(file, options.megabytes);
    const bytes = statSync(file).size;
    log(`   wrote ${formatCount(rows)} rows, ${(bytes / 1024 / 1024).toFixed(0)} MB`);
    const rss = () => process.memoryUsage().rss / 1024 / 1024;
    const rssAtStartMb = rss();
    let rssPeakMb = rssAtStartMb;
    const sampler = setInterval(() => {
      rssPeakMb = Math.max(rssPeakMb, rss());
    }, 100);
    const started = performance.now();
    const report = await runImport(handle.db, {
      source: createReadStream(file),
      fileName: file,
      bytesTotal: bytes,
      options: importOptions.parse({ kind: 'accounts' }),
      startedBy: null,
      batchSize: 5000,
    }).finally(() => clearInterval(sampler));
    const seconds = (performance.now() - started) / 1000;
    if (report.inserted !== rows) throw new Error(`The import inserted ${report.inserted} of ${rows} rows`);
    log(`   imported in ${seconds.toFixed(0)} s (${formatCount(Math.round(rows / seconds))} rows/s); RSS ${rssAtStartMb.toFixed(0)} MB before, peak ${rssPeakMb.toFixed(0)} MB`);
    return { megabytes: bytes / 1024 / 1024, rows, seconds, rssAtStartMb, rssPeakMb };
  } finally {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
