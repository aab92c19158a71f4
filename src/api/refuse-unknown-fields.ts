import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../platform/errors.ts';

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

type UnknownField = { path: string[]; known: string[] };

/** The schema under optional, nullable, default and the input side of a transform. */
function unwrap(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodPipe) return unwrap(schema.in as z.ZodType);
  const def = schema._zod.def as { innerType?: z.ZodType };
  return def.innerType ? unwrap(def.innerType) : schema;
}

/**
 * The first field in `value` that its schema does not name, at any depth: objects in objects,
 * lists of objects, records, and the variant of a union the value is (for a discriminated union,
 * the one its discriminator picks). Objects that take any field (`z.looseObject`) are left alone.
 */
function unknownFieldIn(schema: z.ZodType, value: unknown, path: string[] = []): UnknownField | undefined {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject && isPlainObject(value)) {
    const catchall = inner._zod.def.catchall;
    if (catchall && !(catchall instanceof z.ZodNever)) return undefined;
    const shape: Record<string, z.ZodType> = inner.shape;
    const known = Object.keys(shape);
    const stray = Object.keys(value).find((field) => !Object.hasOwn(shape, field));
    if (stray !== undefined) return { path: [...path, stray], known };
    for (const field of known) {
      const fieldSchema = shape[field];
      const found = fieldSchema && Object.hasOwn(value, field) ? unknownFieldIn(fieldSchema, value[field], [...path, field]) : undefined;
      if (found) return found;
    }
    return undefined;
  }
  if (inner instanceof z.ZodArray && Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = unknownFieldIn(inner.element as z.ZodType, item, [...path, String(i)]);
      if (found) return found;
    }
    return undefined;
  }
  if (inner instanceof z.ZodRecord && isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      const found = unknownFieldIn(inner._zod.def.valueType as z.ZodType, item, [...path, key]);
      if (found) return found;
    }
    return undefined;
  }
  if (inner instanceof z.ZodUnion) {
    const options = inner.options as z.ZodType[];
    const discriminator = (inner._zod.def as { discriminator?: string }).discriminator;
    if (discriminator && isPlainObject(value)) {
      const picked = options.find((option) => {
        const variant = unwrap(option);
        return variant instanceof z.ZodObject && variant.shape[discriminator]?.safeParse(value[discriminator]).success === true;
      });
      // No variant matches the discriminator: zod's own error says which values it takes.
      return picked ? unknownFieldIn(picked, value, path) : undefined;
    }
    const found = options.map((option) => unknownFieldIn(option, value, path));
    return found.some((f) => f === undefined) ? undefined : found[0];
  }
  return undefined;
}

/**
 * A JSON body with a field the API does not know is refused (400 naming the field) instead of the
 * field being dropped: a client that sends `nmae` or `next_step.due_date` would otherwise get a 200
 * while nothing it meant was stored (decision 0050). Only on /api routes; the public pages' HTML
 * forms and the order webhooks (read raw, signed by a shop that sends whatever it sends) keep
 * their own rules.
 */
export const apiValidatorCompiler: FastifySchemaCompiler<z.ZodType> = (route) => {
  const validate = validatorCompiler(route);
  if (route.httpPart !== 'body' || !route.url.startsWith('/api/') || !(route.schema instanceof z.ZodType)) return validate;
  const schema = route.schema;
  return (data: unknown) => {
    const stray = unknownFieldIn(schema, data);
    if (!stray) return validate(data);
    const field = stray.path.join('.');
    const suggestion = nearestField(stray.path.at(-1) ?? '', stray.known);
    return { error: new AppError('invalid_input', `"${field}" is not a field of this request${suggestion ? `; did you mean "${suggestion}"?` : ''}`, field) };
  };
};

/** The known field nearest to a misspelt one ("nmae" → "name"), when one is close enough to suggest. */
export function nearestField(unknown: string, known: readonly string[]): string | undefined {
  let best: { field: string; distance: number } | undefined;
  for (const field of known) {
    const distance = editDistance(unknown.toLowerCase(), field.toLowerCase());
    if (distance <= Math.max(1, Math.floor(field.length / 3)) && (!best || distance < best.distance)) best = { field, distance };
  }
  return best?.field;
}

/** Edits between two names, a swap of neighbouring letters counting as one ("nmae" is one from "name"). */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number) => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      const row = rows[i];
      if (row) row[j] = best;
    }
  }
  return at(a.length, b.length);
}
