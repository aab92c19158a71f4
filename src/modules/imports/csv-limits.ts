import { Transform, type TransformCallback } from 'node:stream';

/**
 * How large one CSV row may be. csv-parse holds a whole record in memory until its last field
 * ends, so one 300 MB cell or a million columns once cost gigabytes; its own max_record_size
 * stops reading the rest of the file after the first long record, so the cut is made here.
 */
export type CsvLimits = { maxFieldBytes: number; maxRowBytes: number; maxColumns: number };

export const defaultCsvLimits: CsvLimits = { maxFieldBytes: 1024 * 1024, maxRowBytes: 8 * 1024 * 1024, maxColumns: 1000 };

export type LimitExceeded = 'field' | 'row' | 'columns';

export function limitMessage(exceeded: LimitExceeded, limits: CsvLimits): string {
  const n = new Intl.NumberFormat('en-US');
  if (exceeded === 'field') return `a cell is longer than ${n.format(limits.maxFieldBytes)} bytes, the limit: the row was not read`;
  if (exceeded === 'row') return `the row is longer than ${n.format(limits.maxRowBytes)} bytes, the limit: the row was not read`;
  return `the row has more than ${n.format(limits.maxColumns)} columns, the limit: the row was not read`;
}

const quote = 0x22;
const lf = 0x0a;
const cr = 0x0d;

type FieldState = 'start' | 'plain' | 'quoted' | 'quote-in-quoted';

/**
 * Passes UTF-8 CSV bytes through, following quotes as csv-parse does, and cuts a row that breaks a
 * limit: what was passed of it is closed with one more field, `marker` + the limit it broke, and
 * the rest of the row is dropped up to its line end. The parser then yields that row as a short
 * record the reader turns into a failed row, and reads on with the next row; memory stays bounded
 * by the limits whatever the file holds.
 */
export function limitCsvRows(delimiter: string, limits: CsvLimits, marker: string): Transform {
  const delimiterByte = Buffer.from(delimiter)[0] ?? 0x2c;
  let state: FieldState = 'start';
  let fieldBytes = 0;
  let rowBytes = 0;
  let columns = 1;
  let cut: { exceeded: LimitExceeded; inQuotes: boolean } | null = null;
  const closing = (c: { exceeded: LimitExceeded; inQuotes: boolean }) => Buffer.from(`${c.inQuotes ? '"' : ''}${delimiter}${marker}${c.exceeded}`);
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      let from = 0;
      for (let i = 0; i < chunk.length; i++) {
        const byte = chunk[i];
        const before = state;
        let rowEnds = false;
        rowBytes++;
        if (state === 'start') {
          fieldBytes = 0;
          if (byte === quote) state = 'quoted';
          else if (byte === delimiterByte) columns++;
          else if (byte === lf || byte === cr) rowEnds = true;
          else {
            state = 'plain';
            fieldBytes = 1;
          }
        } else if (state === 'plain') {
          if (byte === delimiterByte) {
            state = 'start';
            columns++;
          } else if (byte === lf || byte === cr) rowEnds = true;
          else fieldBytes++;
        } else if (state === 'quoted') {
          if (byte === quote) state = 'quote-in-quoted';
          else fieldBytes++;
        } else if (byte === quote) {
          state = 'quoted';
          fieldBytes++;
        } else if (byte === delimiterByte) {
          state = 'start';
          columns++;
        } else if (byte === lf || byte === cr) rowEnds = true;
        else state = 'quoted';
        if (rowEnds) {
          if (cut) {
            this.push(closing(cut));
            cut = null;
            from = i;
          }
          state = 'start';
          rowBytes = 0;
          columns = 1;
          continue;
        }
        if (cut) continue;
        const exceeded: LimitExceeded | null =
          fieldBytes > limits.maxFieldBytes ? 'field' : columns > limits.maxColumns ? 'columns' : rowBytes > limits.maxRowBytes ? 'row' : null;
        if (exceeded) {
          if (i > from) this.push(chunk.subarray(from, i));
          cut = { exceeded, inQuotes: before === 'quoted' };
        }
      }
      if (!cut && from < chunk.length) this.push(chunk.subarray(from));
      done();
    },
    flush(done: TransformCallback) {
      if (cut) this.push(closing(cut));
      done();
    },
  });
}
