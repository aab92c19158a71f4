import fastJsonStringify, { type AnySchema } from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify';
import { z } from 'zod';

type JsonSchema = { [keyword: string]: unknown };

const isSchema = (value: unknown): value is JsonSchema => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reshapes zod's JSON Schema into what fast-json-stringify writes without falling back to slow
 * paths, and so that it never changes an answer:
 * - every object keeps the properties its schema does not name (`additionalProperties: true`), so a
 *   field the schema forgot is still sent, not silently dropped;
 * - `x | null` becomes `type: [x, 'null']`: fast-json-stringify would pick an `anyOf` branch by
 *   validating every value with ajv.
 */
function forSerializing(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword === '$schema') continue;
    if (keyword === 'properties' && isSchema(value)) {
      out.properties = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, isSchema(child) ? forSerializing(child) : child]));
    } else if ((keyword === 'items' || keyword === 'additionalProperties') && isSchema(value)) {
      out[keyword] = forSerializing(value);
    } else if ((keyword === 'anyOf' || keyword === 'oneOf') && Array.isArray(value)) {
      out[keyword] = value.map((child: unknown) => (isSchema(child) ? forSerializing(child) : child));
    } else {
      out[keyword] = value;
    }
  }
  if (out.type === 'object' && out.additionalProperties !== undefined && !isSchema(out.additionalProperties)) out.additionalProperties = true;
  if (out.type === 'object' && out.additionalProperties === undefined) out.additionalProperties = true;
  const branches = out.anyOf;
  if (Array.isArray(branches) && branches.length === 2) {
    const nonNull = branches.find((b: JsonSchema) => b.type !== 'null') as JsonSchema | undefined;
    if (nonNull && branches.some((b: JsonSchema) => b.type === 'null') && typeof nonNull.type === 'string') {
      const { anyOf: _, ...rest } = out;
      return { ...rest, ...nonNull, type: [nonNull.type, 'null'] };
    }
  }
  return out;
}

/** The JSON Schema of a route's answer: dates, which the database hands over as Date objects, go out as ISO strings. */
export function responseJsonSchema(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, {
    io: 'output',
    target: 'draft-7',
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema._zod.def.type === 'date') Object.assign(jsonSchema, { type: 'string', format: 'date-time' });
    },
  });
  return forSerializing(json as JsonSchema);
}

/**
 * Routes that declare a response schema are written by fast-json-stringify, compiled once from the
 * schema: about twice as fast as JSON.stringify on a page of 50 rows, where fastify-type-provider-zod's
 * own serializer validates with zod and then calls JSON.stringify, slower than no schema at all
 * (decision 0032). The schema is not a filter: the handler's return type is checked against it when
 * compiling the TypeScript, and fields it does not name still go out.
 */
export const serializerCompiler: FastifySerializerCompiler<z.ZodType> = ({ schema }) =>
  fastJsonStringify(responseJsonSchema(schema) as AnySchema);
