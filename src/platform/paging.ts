import { z } from 'zod';
import { AppError } from './errors.ts';

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export type Page<T> = { items: T[]; next?: string };
type CursorValue = string | number;

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** Opaque keyset cursors: the client hands back what `next` said; anything else is a 400 on `cursor`. */
export function decodeCursor(cursor: string, length: number): CursorValue[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === length &&
      // A forged cursor may decode to a NUL, which PostgreSQL refuses as text.
      values.every((v) => (typeof v === 'string' && !v.includes('\u0000')) || typeof v === 'number')
    ) {
      return values;
    }
  } catch {
    // falls through to the error below
  }
  throw new AppError('invalid_input', 'cursor is not one this API returned', 'cursor');
}

/** Rows were fetched with limit + 1; the extra row only tells that there is a next page. */
export function toPage<T>(rows: T[], limit: number, cursorOf: (row: T) => CursorValue[]): Page<T> {
  if (rows.length <= limit) return { items: rows };
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return last ? { items, next: encodeCursor(cursorOf(last)) } : { items };
}

export function cursorString(values: CursorValue[], index: number): string {
  const value = values[index];
  if (typeof value !== 'string') throw new AppError('invalid_input', 'cursor is not one this API returned', 'cursor');
  return value;
}
