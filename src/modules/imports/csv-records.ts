import { randomBytes } from 'node:crypto';
import { pipeline, Readable, Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { parse } from 'csv-parse';
import { AppError } from '../../platform/errors.ts';
import { type CsvLimits, defaultCsvLimits, type LimitExceeded, limitCsvRows, limitMessage } from './csv-limits.ts';
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

/** Text stored for a failed row is cut to this many characters a cell: a report, not a copy. */
const reportedCellChars = 1000;

// The limits are counted on UTF-8, in which a delimiter or quote byte is never part of another
// character; latin1 and UTF-16 files are turned into UTF-8 first.
function toUtf8(encoding: CsvEncoding): Transform {
  const decoder = new StringDecoder(encoding);
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, Buffer.from(decoder.write(chunk), 'utf8'));
    },
    flush(done) {
      done(null, Buffer.from(decoder.end(), 'utf8'));
    },
  });
}

const nul = /\0/g;

/**
 * Opens a CSV stream for row-by-row reading in constant memory: a byte-order mark is dropped, the
 * delimiter is found from the header unless given, quoted fields may span lines, and a row that is
 * not valid CSV comes out as an error row instead of ending the read.
 */
export async function openCsv(
  source: Readable,
  options: { delimiter?: CsvDelimiter | undefined; encoding: CsvEncoding; limits?: CsvLimits | undefined },
): Promise<CsvFile> {
  const limits = options.limits ?? defaultCsvLimits;
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const head = await readFirstLine(chunks);
  const firstLine = head.toString(options.encoding).replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
  if (firstLine.trim() === '') throw new AppError('invalid_input', 'The file is empty or its first line is blank: the first line must name the columns', 'file');
  const delimiter = options.delimiter ?? sniffDelimiter(firstLine);
  const skipped: SkippedRecord[] = [];
  const parser = parse({
    bom: true,
    delimiter,
    encoding: 'utf8',
    relax_column_count: true,
    // A stray quote inside a field is kept as text rather than failing the rest of the file.
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
  });
  parser.on('skip', (error: Error & { records?: number; raw?: string }) => {
    skipped.push({ after: error.records ?? 0, reason: `not valid CSV: ${error.message}`, raw: (error.raw ?? '').slice(0, reportedCellChars).replace(nul, '') });
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
  // A random marker: no cell of the file can pass for the one that closes a cut row.
  const marker = `\0afterclose-limit-${randomBytes(6).toString('hex')}:`;
  const limited = limitCsvRows(delimiter, limits, marker);
  const cutBy = (fields: string[]): LimitExceeded | null => {
    const last = fields[fields.length - 1];
    return last?.startsWith(marker) ? (last.slice(marker.length) as LimitExceeded) : null;
  };
  if (options.encoding === 'utf8') pipeline(rest, limited, parser, (error) => error && parser.destroy(error));
  else pipeline(rest, toUtf8(options.encoding), limited, parser, (error) => error && parser.destroy(error));
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  const first = await records.next();
  if (first.done) throw new AppError('invalid_input', 'The file has no header line', 'file');
  const headerCut = cutBy(first.value);
  if (headerCut) throw new AppError('invalid_input', `The header line is too large: ${limitMessage(headerCut, limits).replace(/: the row.*$/, '')}`, 'file');
  const header = first.value.map((name) => name.replace(nul, '').trim());
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
      yield readRow(++row, next.value);
    }
    for (const skip of skipped.splice(0)) yield { row: ++row, fields: [skip.raw], error: skip.reason };
  }
  // A NUL byte fits in no PostgreSQL text: the row fails by itself, its cells kept without it.
  function readRow(row: number, fields: string[]): CsvRow {
    const cut = cutBy(fields);
    if (cut) return { row, fields: fields.slice(0, -1).map((f) => f.slice(0, reportedCellChars)), error: limitMessage(cut, limits) };
    if (fields.some((f) => f.includes('\0'))) {
      return { row, fields: fields.map((f) => f.replace(nul, '')), error: 'contains a NUL character (byte 0), which no text can hold: remove it and import the row again' };
    }
    return { row, fields };
  }
  return { header, delimiter, rows: rows(), bytesRead: () => bytes };
}
