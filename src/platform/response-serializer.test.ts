import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { serializerCompiler } from './response-serializer.ts';

const compile = (schema: z.ZodType) => serializerCompiler({ schema, method: 'GET', url: '/x', httpStatus: '200' });

describe('response serializer', () => {
  const row = z.object({
    id: z.string(),
    value: z.number(),
    due_at: z.date(),
    closed_at: z.date().nullable(),
    note: z.string().nullable(),
    next_step: z.object({ id: z.string() }).nullable(),
    tags: z.array(z.string()),
    extra: z.record(z.string(), z.unknown()),
    later: z.string().optional(),
  });
  const page = z.object({ items: z.array(row), next: z.string().optional() });

  it('writes exactly what JSON.stringify writes: dates as ISO strings, nulls, nested objects, absent optionals', () => {
    const answer = {
      items: [
        { id: 'a', value: 12.5, due_at: new Date('2026-03-01T10:00:00.123Z'), closed_at: null, note: null, next_step: null, tags: [], extra: { a: [1, { b: 'c' }] } },
        { id: 'b"\n', value: 0, due_at: new Date('2026-03-02T00:00:00Z'), closed_at: new Date('2026-03-03T00:00:00Z'), note: 'é', next_step: { id: 'n' }, tags: ['x'], extra: {}, later: 'l' },
      ],
      next: 'cursor',
    };
    expect(JSON.parse(compile(page)(answer))).toEqual(JSON.parse(JSON.stringify(answer)));
  });

  it('still sends a field the schema does not name, so a forgotten field is never dropped', () => {
    const answer = { items: [{ id: 'a', value: 1, due_at: new Date(0), closed_at: null, note: null, next_step: { id: 'n', kind: 'call' }, tags: [], extra: {}, unnamed: 'kept' }] };
    expect(JSON.parse(compile(page)(answer))).toEqual(JSON.parse(JSON.stringify(answer)));
  });

  it('refuses an answer that lacks a field the schema requires instead of sending it without', () => {
    expect(() => compile(page)({ items: [{ id: 'a' }] })).toThrow(/required/);
  });
});
