import { describe, expect, it } from 'vitest';
import { addBusinessDays, endOfWorkingDays } from './working-time.ts';

describe('working-time arithmetic at the end of the calendar', () => {
  it('throws instead of walking past 9999-12-31 forever', () => {
    const lastFriday = new Date('9999-12-31T12:00:00Z');
    expect(() => endOfWorkingDays(lastFriday, 2, 'UTC')).toThrow(RangeError);
    expect(() => addBusinessDays(lastFriday, 1, 'Europe/Berlin')).toThrow(RangeError);
    expect(endOfWorkingDays(new Date('2026-12-04T16:00:00Z'), 2, 'UTC').toISOString()).toBe('2026-12-09T00:00:00.000Z');
  });
});
