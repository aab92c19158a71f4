import { type AliasedRawBuilder, type Expression, type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import { z } from 'zod';
import type { Db } from './db.ts';
import { AppError } from './errors.ts';
import { preparedQuery } from './prepared-query.ts';

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export type Page<T> = { items: T[]; next?: string };

/** The response schema of a page of `item`s, as keysetPage returns it. */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), next: z.string().optional() });
export type PageRequest = { limit: number; cursor?: string | undefined };

/** The SQL type a key is compared as; it decides how its cursor value is written and checked. */
export type KeyType = 'timestamptz' | 'uuid' | 'text' | 'numeric' | 'float8' | 'bigint';

/**
 * One column of a keyset: a column reference ('table.column') or an SQL expression that is never
 * null, in the order the list is sorted by. The last key must make the order unique (an id).
 */
export type PageKey = { by: string | Expression<unknown>; type: KeyType; order?: 'asc' | 'desc' };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const utcMicros = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\.\d{6}Z$/;

/** Whether a cursor value can be cast to its key's type without PostgreSQL refusing it. */
const validValue: Record<KeyType, (value: string) => boolean> = {
  timestamptz: (value) => {
    const seconds = utcMicros.exec(value)?.[1];
    // A real calendar moment: JavaScript rolls 30 February over to March, so compare back.
    // Month 13 is no date at all (an invalid Date, whose toISOString throws).
    const moment = seconds === undefined ? Number.NaN : Date.parse(`${seconds}Z`);
    return seconds !== undefined && Number.isFinite(moment) && new Date(moment).toISOString().startsWith(seconds);
  },
  uuid: (value) => uuid.test(value),
  text: (value) => !value.includes('\u0000'),
  numeric: (value) => /^-?\d{1,30}(\.\d{1,30})?$/.test(value),
  float8: (value) => /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(value) && Number.isFinite(Number(value)),
  bigint: (value) => /^-?\d{1,18}$/.test(value),
};

function refusedCursor(): AppError {
  return new AppError('invalid_input', 'cursor is not one this API returned', 'cursor');
}

/** Opaque keyset cursors: the client hands back what `next` said; anything else is a 400 on `cursor`. */
function decodeCursor(cursor: string, keys: readonly PageKey[]): string[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refusedCursor();
  }
  if (!Array.isArray(values) || values.length !== keys.length) throw refusedCursor();
  return keys.map((key, i) => {
    const value: unknown = values[i];
    if (typeof value !== 'string' || !validValue[key.type](value)) throw refusedCursor();
    return value;
  });
}

function encodeCursor(values: string[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

const keyAlias = (i: number) => `page_key_${i}`;
const expressionOf = (key: PageKey): Expression<unknown> => (typeof key.by === 'string' ? sql.ref(key.by) : key.by);

/**
 * How a key travels in a cursor: PostgreSQL writes it as text, so nothing is rounded on the way
 * through JavaScript. Timestamps are written in UTC with microseconds: a JS Date keeps only
 * milliseconds, and rows a few microseconds apart were skipped or repeated at a page boundary.
 */
function cursorText(key: PageKey): RawBuilder<string> {
  const value = expressionOf(key);
  return key.type === 'timestamptz' ? sql<string>`to_char(${value} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` : sql<string>`(${value})::text`;
}

/** Rows strictly after the cursor: one row comparison when all keys share a direction, else spelled out. */
function afterCursor(keys: readonly PageKey[], values: string[]): RawBuilder<boolean> {
  const exprs = keys.map(expressionOf);
  const literals = keys.map((key, i) => sql`${values[i]}::${sql.raw(key.type)}`);
  const direction = keys[0]?.order ?? 'asc';
  if (keys.every((key) => (key.order ?? 'asc') === direction)) {
    return sql<boolean>`(${sql.join(exprs)}) ${sql.raw(direction === 'asc' ? '>' : '<')} (${sql.join(literals)})`;
  }
  const beyond = keys.map((key, i) => {
    const equalBefore = keys.slice(0, i).map((_, j) => sql`${exprs[j]} = ${literals[j]}`);
    const past = sql`${exprs[i]} ${sql.raw((key.order ?? 'asc') === 'asc' ? '>' : '<')} ${literals[i]}`;
    return sql`(${sql.join([...equalBefore, past], sql` and `)})`;
  });
  return sql<boolean>`(${sql.join(beyond, sql` or `)})`;
}

const orderOf = (keys: readonly PageKey[]) => sql.join(keys.map((key) => sql`${expressionOf(key)} ${sql.raw(key.order ?? 'asc')}`));

export type Keyset = {
  /** The rows after the cursor (`true` on the first page). */
  after: RawBuilder<boolean>;
  /** The keys with their directions, for an `order by`. */
  orderBy: RawBuilder<unknown>;
  /** The key values as cursor text, to select next to the row's own columns. */
  keyColumns: AliasedRawBuilder<string, string>[];
  /** One row more than the page: it only tells that there is a next page. */
  take: number;
  /** The page from rows fetched with `take`, with the key columns taken off again. */
  toPage<T>(rows: T[]): Page<T>;
};

/**
 * The pieces of a keyset-paged query, for lists written in plain SQL (unions, computed columns).
 * Lists built with Kysely use `keysetPage`, which puts them in place.
 */
export function keyset(keys: readonly PageKey[], request: PageRequest): Keyset {
  const take = request.limit + 1;
  return {
    after: request.cursor ? afterCursor(keys, decodeCursor(request.cursor, keys)) : sql<boolean>`true`,
    orderBy: orderOf(keys),
    keyColumns: keys.map((key, i) => cursorText(key).as(keyAlias(i))),
    take,
    toPage: (rows) => pageOfRows(keys, request, rows),
  };
}

/** The page from rows fetched with one row more than the limit, with the key columns taken off again. */
function pageOfRows<T>(keys: readonly PageKey[], request: PageRequest, rows: T[]): Page<T> {
  // Copied without the key columns rather than `delete`d from a copy: deleting a property turns
  // the object into a slow dictionary that every later read and JSON.stringify pays for.
  const aliases = new Set(keys.map((_, i) => keyAlias(i)));
  const strip = (row: T): T => {
    const copy: Record<string, unknown> = {};
    for (const column in row) if (!aliases.has(column)) copy[column] = row[column];
    return copy as T;
  };
  const items = rows.slice(0, request.limit).map(strip);
  const last = rows[request.limit - 1] as Record<string, unknown> | undefined;
  if (rows.length <= request.limit || !last) return { items };
  return { items, next: encodeCursor(keys.map((_, i) => String(last[keyAlias(i)]))) };
}

/**
 * One page of a Kysely select, newest or smallest first as `keys` say: adds the cursor condition,
 * the order by the keys and the limit, and returns the rows with a `next` cursor when more follow.
 * The query must not order or limit itself.
 */
export async function keysetPage<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  keys: readonly PageKey[],
  request: PageRequest,
): Promise<Page<O>> {
  const set = keyset(keys, request);
  const rows = await query.select(set.keyColumns).where(set.after).orderBy(set.orderBy).limit(set.take).execute();
  return set.toPage(rows as O[]);
}

type PageValues = { page_take: number } & Partial<Record<`page_cursor_${number}`, string>>;

/** A page request as a prepared query's values: the cursor's key values and the limit, and whether a cursor is given. */
function pageValues(keys: readonly PageKey[], request: PageRequest): { paging: PageValues; position: 'first' | 'after' } {
  const cursor = request.cursor ? decodeCursor(request.cursor, keys) : [];
  const paging: PageValues = { page_take: request.limit + 1 };
  cursor.forEach((value, i) => {
    paging[`page_cursor_${i}`] = value;
  });
  return { paging, position: cursor.length ? 'after' : 'first' };
}

/** `keyset`'s pieces for a prepared query, built from its stand-ins: a page after a cursor is given one value per key. */
function preparedPieces(keys: readonly PageKey[], values: PageValues, position: string): Omit<Keyset, 'toPage'> {
  const after = position === 'after' ? afterCursor(keys, keys.map((_, i) => values[`page_cursor_${i}`] as string)) : sql<boolean>`true`;
  return { after, orderBy: orderOf(keys), keyColumns: keys.map((key, i) => cursorText(key).as(keyAlias(i))), take: values.page_take };
}

/** The list's own shape and the page's position, as one shape string of preparedQuery. */
const pageShape = (shape: string, position: string) => `${shape}|${position}`;
const splitPageShape = (shape: string) => {
  const bar = shape.lastIndexOf('|');
  return { own: shape.slice(0, bar), position: shape.slice(bar + 1) };
};

/**
 * `keysetPage` as a prepared query (prepared-query.ts), for the hot lists: the page's SQL differs
 * only by the list's own shape and whether a cursor is given, so it is compiled once per shape and
 * sent with the cursor's values and the limit. `build` follows preparedQuery's rules.
 */
export function preparedKeysetPage<V extends Record<string, unknown>, DB, TB extends keyof DB, O>(
  keys: readonly PageKey[],
  build: (db: Db, values: V, shape: string) => SelectQueryBuilder<DB, TB, O>,
) {
  const page = preparedQuery((db: Db, values: V & PageValues, shape: string) => {
    const { own, position } = splitPageShape(shape);
    const set = preparedPieces(keys, values, position);
    return build(db, values, own).select(set.keyColumns).where(set.after).orderBy(set.orderBy).limit(set.take);
  });
  return async (db: Db, values: V, request: PageRequest, shape = ''): Promise<Page<O>> => {
    const { paging, position } = pageValues(keys, request);
    const rows = await page(db, { ...values, ...paging }, pageShape(shape, position));
    return pageOfRows(keys, request, rows as O[]);
  };
}

/**
 * `keyset` as a prepared query, for hot lists written in plain SQL (unions, computed columns):
 * `build` puts the pieces in place as it would `keyset`'s, and follows preparedQuery's rules.
 */
export function preparedKeysetSql<V extends Record<string, unknown>, R>(
  keys: readonly PageKey[],
  build: (db: Db, values: V, page: Omit<Keyset, 'toPage'>, shape: string) => RawBuilder<R>,
) {
  const page = preparedQuery((db: Db, values: V & PageValues, shape: string) => {
    const { own, position } = splitPageShape(shape);
    const query = build(db, values, preparedPieces(keys, values, position), own);
    return { compile: () => query.compile(db) };
  });
  return async (db: Db, values: V, request: PageRequest, shape = ''): Promise<Page<R>> => {
    const { paging, position } = pageValues(keys, request);
    const rows = await page(db, { ...values, ...paging }, pageShape(shape, position));
    return pageOfRows(keys, request, rows);
  };
}
