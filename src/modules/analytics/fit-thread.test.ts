import { describe, expect, it } from 'vitest';
import { simulateBgNbdCustomers } from './clv/simulate.ts';
import type { History } from './clv-scoring.ts';
import { fitInThread } from './fit-thread.ts';

// 5,000 customers in days, drawn from a known BG/NBD population, each with a mean repeat spend.
const truth = { r: 0.8, alpha: 60, a: 0.6, b: 3 };
const histories: History[] = simulateBgNbdCustomers(truth, { customers: 5000, minT: 200, maxT: 700, seed: 11 }).map((h, i) => ({
  ...h,
  monetary: h.x > 0 ? 20 + (i % 17) * 5 : 0,
  holdoutX: 0,
}));

describe('CLV fits in their own thread', () => {
  it('fits the models while the event loop of the main thread keeps turning', async () => {
    let turns = 0;
    let turning = true;
    const turn = () => {
      turns++;
      if (turning) setImmediate(turn);
    };
    setImmediate(turn);
    const outcome = await fitInThread({ histories, beforeHoldout: histories, calibrationEnd: '2026-01-01' });
    turning = false;
    // A fit on the main thread would finish before the first turn: the loop cannot turn during it.
    expect(turns).toBeGreaterThan(1);
    expect(outcome.fitted).toBe(true);
    if (!outcome.fitted) return;
    const { r, alpha, a, b } = outcome.models.bgnbd.params;
    expect(r).toBeCloseTo(truth.r, 0);
    expect(alpha / truth.alpha).toBeGreaterThan(0.7);
    expect(alpha / truth.alpha).toBeLessThan(1.4);
    expect(a).toBeGreaterThan(0.2);
    expect(b).toBeGreaterThan(1);
    expect(outcome.models.gammagamma.params.q).toBeGreaterThan(1);
  });

  it('brings back a reason, not an error, when the data are too thin', async () => {
    const outcome = await fitInThread({ histories: histories.slice(0, 10), beforeHoldout: [], calibrationEnd: '2026-01-01' });
    expect(outcome).toEqual({ fitted: false, cause: 'thin', reason: expect.stringMatching(/Too little order history/), problems: [] });
  });
});
