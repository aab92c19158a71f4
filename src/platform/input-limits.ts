import { z } from 'zod';

// Each visit keeps its parent instead of a copy of its path, so a deep body costs linear time.
type Visit = { value: unknown; key: string | undefined; depth: number; parent: Visit | undefined };

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  // A Buffer (a signed webhook's raw body) is bytes, checked once it is parsed. A parsed query
  // string has a prototype of its own, so plain objects are not the only containers.
  return typeof value === 'object' && value !== null && !ArrayBuffer.isView(value);
}

function pathOf(visit: Visit): string {
  const keys: string[] = [];
  for (let v: Visit | undefined = visit; v?.key !== undefined; v = v.parent) keys.push(v.key);
  return keys.reverse().join('.').replaceAll('\u0000', '\\u0000');
}

/**
 * Visits every value of parsed input, depth first in document order, without recursion: a body
 * nested 10,000 levels deep must not overflow the stack. Returns the first visit `stop` accepts.
 */
function findFirst(input: unknown, stop: (visit: Visit) => boolean): Visit | undefined {
  const stack: Visit[] = [{ value: input, key: undefined, depth: 0, parent: undefined }];
  for (let visit = stack.pop(); visit; visit = stack.pop()) {
    if (stop(visit)) return visit;
    if (!isContainer(visit.value)) continue;
    const entries = Object.entries(visit.value);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, value] = entries[i] as [string, unknown];
      stack.push({ value, key, depth: visit.depth + 1, parent: visit });
    }
  }
  return undefined;
}

/**
 * The dotted path of the first string (or object key) holding a NUL character, or null. PostgreSQL
 * text and jsonb cannot store U+0000, so such input is refused at the edge, naming the field.
 */
export function findNulCharacter(input: unknown): string | null {
  const found = findFirst(input, ({ value, key }) => (typeof value === 'string' && value.includes('\u0000')) || key?.includes('\u0000') === true);
  return found ? pathOf(found) : null;
}

export const freeFormLimits = { maxDepth: 8, maxBytes: 16 * 1024 };

/** What is wrong with a free-form JSON value, or null: too deeply nested, or too large. */
export function freeFormProblem(input: unknown, limits = freeFormLimits): string | null {
  if (findFirst(input, (visit) => visit.depth > limits.maxDepth)) return `is nested more than ${limits.maxDepth} levels deep`;
  if (Buffer.byteLength(JSON.stringify(input)) > limits.maxBytes) return `is larger than ${limits.maxBytes / 1024} KB`;
  return null;
}

/**
 * A free-form JSON object a client may attach (billing details, line specs): keys and values of its choosing,
 * but capped in depth and size, so a hostile body cannot exhaust the server's or PostgreSQL's stack.
 */
export const freeFormObject = z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
  const problem = freeFormProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
