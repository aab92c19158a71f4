import { pipeline, Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { AppError } from '../../platform/errors.ts';
import type { CsvDelimiter, CsvEncoding } from './imports.schema.ts';

/** A data row as the spreadsheet numbers it (the header is row 1), or a row that is not valid CSV. */
export type CsvRow = { row: number; fields: string[]; error?: undefined } | { row: number; fields: string[]; error: string };

export type CsvFile = {
  header: string[];
  delimiter: CsvDelimiter;
  rows: AsyncGenerator<CsvRow>;
  bytesRead(): number;
};

const candidates: CsvDelimiter[] = [',', ';', '\t', '|'];

/** The delimiter that splits the header line into the most fields (quoted text does not count). */
function sniffDelimiter(firstLine: string): CsvDelimiter {
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  let best: CsvDelimiter = ',';
  for (const d of candidates) if (unquoted.split(d).length > unquoted.split(best).length) best = d;
  return best;
}

// Reads just enough of the stream to see the whole first line, and gives back what it read.
async function readFirstLine(chunks: AsyncIterator<Buffer>): Promise<Buffer> {
  const seen: Buffer[] = [];
  let size = 0;
  while (size < 1024 * 1024) {
    const next = await chunks.next();
    if (next.done) break;
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    seen.push(chunk);
    size += chunk.length;
    if (chunk.includes(10)) break;
  }
  return Buffer.concat(seen);
}

/** A row csv-parse could not read, and how many records it had read before it. */
type SkippedRecord = { after: number; reason: string; raw: string };

/**
 * Opens a CSV stream for row-by-row reading in constant memory: a byte-order mark is dropped, the
 * delimiter is found from the header unless given, quoted fields may span lines, and a row that is
 * not valid CSV comes out as an error row instead of ending the read.
 */
export async function openCsv(source: Readable, options: { delimiter?: CsvDelimiter | undefined; encoding: CsvEncoding }): Promise<CsvFile> {
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const head = await readFirstLine(chunks);
  const firstLine = head.toString(options.encoding).replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
  if (firstLine.trim() === '') throw new AppError('invalid_input', 'The file is empty or its first line is blank: the first line must name the columns', 'file');
  const delimiter = options.delimiter ?? sniffDelimiter(firstLine);
  const skipped: SkippedRecord[] = [];
  const parser = parse({
    bom: true,
    delimiter,
    encoding: options.encoding,
    relax_column_count: true,
    // A stray quote inside a field is kept as text rather than failing the rest of the file.
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
  });
  parser.on('skip', (error: Error & { records?: number; raw?: string }) => {
    skipped.push({ after: error.records ?? 0, reason: `not valid CSV: ${error.message}`, raw: error.raw ?? '' });
  });
  // Progress counts the bytes handed to the parser; csv-parse's own per-record info costs half its speed.
  let bytes = 0;
  const rest = Readable.from(
    (async function* () {
      bytes += head.length;
      yield head;
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
        bytes += next.value.length;
        yield next.value;
      }
    })(),
  );
  // pipeline destroys the parser when the upload breaks off, so the error reaches the row loop below.
  pipeline(rest, parser, (error) => error && parser.destroy(error));
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  const first = await records.next();
  if (first.done) throw new AppError('invalid_input', 'The file has no header line', 'file');
  const header = first.value.map((name) => name.trim());
  // Rows are numbered in file order over records and unreadable rows alike; the header is row 1.
  async function* rows(): AsyncGenerator<CsvRow> {
    let read = 1;
    let row = 1;
    for (let next = await records.next(); !next.done; next = await records.next()) {
      while (skipped.length > 0 && (skipped[0]?.after ?? 0) <= read) {
        const skip = skipped.shift()!;
        yield { row: ++row, fields: [skip.raw], error: skip.reason };
      }
      read++;
      yield { row: ++row, fields: next.value };
    }
    for (const skip of skipped.splice(0)) yield { row: ++row, fields: [skip.raw], error: skip.reason };
  }
  return { header, delimiter, rows: rows(), bytesRead: () => bytes };
}
