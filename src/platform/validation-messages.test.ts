import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import './validation-messages.ts';

const messageFor = (schema: z.ZodType, input: unknown) => schema.safeParse(input).error?.issues[0]?.message;

describe('validation messages in words', () => {
  it('names types as a sentence does and says which bound is excluded', () => {
    expect(messageFor(z.number().int(), 'x')).toBe('must be a number');
    expect(messageFor(z.object({}), [])).toBe('must be a JSON object');
    expect(messageFor(z.string(), 5)).toBe('must be text');
    expect(messageFor(z.boolean(), 'yes')).toBe('must be true or false');
    expect(messageFor(z.number().int().positive(), 0)).toBe('must be more than 0');
    expect(messageFor(z.number().nonnegative(), -1)).toBe('must be at least 0');
    expect(messageFor(z.number().lt(10), 10)).toBe('must be less than 10');
    expect(messageFor(z.object({ status: z.enum(['open', 'closed']) }), {})).toBe('is required');
    expect(messageFor(z.enum(['open', 'closed']), 'shut')).toBe('must be one of: open, closed');
    const action = z.discriminatedUnion('action', [z.object({ action: z.literal('skip') }), z.object({ action: z.literal('snooze') })]);
    expect(messageFor(action, { action: 'explode' })).toBe('must be one of: skip, snooze');
  });
});
