import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { segmentFor, segmentGrid } from './segments.ts';

describe('RFM segments', () => {
  it('match the table in docs/decisions/0006-rfm-segments-and-health.md cell for cell', () => {
    const doc = readFileSync(new URL('../../../docs/decisions/0006-rfm-segments-and-health.md', import.meta.url), 'utf8');
    const documented = Object.fromEntries(
      doc
        .split('\n')
        .filter((line) => /^\| R[1-5] \|/.test(line))
        .map((line) => {
          const [r = '', ...cells] = line.split('|').map((c) => c.trim()).filter(Boolean);
          return [r.slice(1), cells];
        }),
    );
    expect(documented).toEqual(Object.fromEntries(Object.entries(segmentGrid).map(([r, cells]) => [r, [...cells]])));
  });

  it('name the corners as the literature does and refuse scores outside 1–5', () => {
    expect(segmentFor(5, 5)).toBe('champions');
    expect(segmentFor(5, 1)).toBe('new');
    expect(segmentFor(1, 5)).toBe('cant_lose');
    expect(segmentFor(1, 1)).toBe('lost');
    expect(() => segmentFor(0, 3)).toThrow(/1–5/);
  });
});
