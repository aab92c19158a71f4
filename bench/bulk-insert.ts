import { sql } from 'kysely';
import type { Db } from '../src/platform/db.ts';

/** A column's PostgreSQL type. 'text[]' travels as an array literal in text, since unnest flattens nested arrays. */
export type ColumnType = 'uuid' | 'text' | 'int' | 'numeric' | 'bool' | 'timestamptz' | 'date' | 'jsonb' | 'text[]';
export type Cell = string | number | boolean | null;

export type TableWriter<C extends string> = {
  readonly table: string;
  /** Buffers one row; the caller decides when to flush, so that parents are written before children. */
  add(row: Readonly<Record<C, Cell>>): void;
  readonly buffered: number;
  /** Rows written so far and the time spent in the database writing them. */
  readonly written: number;
  readonly millis: number;
  /** Writes the buffered rows, after flushing the parent tables they reference. */
  flush(): Promise<void>;
};

/** A Postgres text[] literal; every element quoted so commas and braces in tags stay inside them. */
export function textArray(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
}

/**
 * Writes rows with `insert … select … from unnest($1::uuid[], $2::text[], …)`: one statement and a
 * dozen parameters per chunk, whatever its size, so it runs the same on PGlite and a server and
 * stays far below the 65,535-parameter limit of a multi-row VALUES list.
 */
export function createTableWriter<C extends string>(
  db: Db,
  table: string,
  columns: Readonly<Record<C, ColumnType>>,
  parents: readonly TableWriter<string>[] = [],
  options: { discard?: boolean } = {},
): TableWriter<C> {
  const names = Object.keys(columns) as C[];
  let buffers = names.map((): Cell[] => []);
  let buffered = 0;
  let written = 0;
  let millis = 0;
  const elementType = (type: ColumnType) => (type === 'text[]' ? 'text' : type);
  const insert = (values: Cell[][]) => {
    const params = names.map((name, i) => sql`${values[i]}::${sql.raw(elementType(columns[name]))}[]`);
    const selected = names.map((name, i) => sql.raw(columns[name] === 'text[]' ? `c${i}::text[]` : `c${i}`));
    const aliases = names.map((_, i) => sql.raw(`c${i}`));
    return sql`insert into ${sql.table(table)} (${sql.join(names.map((name) => sql.ref(name)))})
      select ${sql.join(selected)} from unnest(${sql.join(params)}) as u(${sql.join(aliases)})`.execute(db);
  };
  const writer: TableWriter<C> = {
    table,
    add(row) {
      for (const [i, name] of names.entries()) buffers[i]!.push(row[name]);
      buffered++;
    },
    get buffered() {
      return buffered;
    },
    get written() {
      return written;
    },
    get millis() {
      return millis;
    },
    async flush() {
      for (const parent of parents) await parent.flush();
      if (buffered === 0) return;
      const values = buffers;
      const count = buffered;
      buffers = names.map((): Cell[] => []);
      buffered = 0;
      if (options.discard) return;
      const started = performance.now();
      await insert(values);
      millis += performance.now() - started;
      written += count;
    },
  };
  return writer;
}
