import { describe, expect, it } from 'vitest';
import { createCohortCounter } from './cohorts.queries.ts';

// Quarters as year · 4 + quarter − 1: 2025 Q4 is 8103, 2026 Q1 8104, 2026 Q2 8105, 2026 Q3 8106.
describe('counting cohorts as accounts are read', () => {
  it('counts each cohort once in its first quarter and once in every later quarter with an order', () => {
    const counter = createCohortCounter();
    counter.add([8103, 8104, 8106]);
    counter.add([8103, 8106]);
    counter.add([8103]);
    counter.add([8104, 8105]);
    counter.add([]);
    expect(counter.rows(7)).toEqual([
      { run_id: 7, cohort: '2025-10-01', period: 0, customers: 3, active: 3 },
      { run_id: 7, cohort: '2025-10-01', period: 1, customers: 3, active: 1 },
      { run_id: 7, cohort: '2025-10-01', period: 3, customers: 3, active: 2 },
      { run_id: 7, cohort: '2026-01-01', period: 0, customers: 1, active: 1 },
      { run_id: 7, cohort: '2026-01-01', period: 1, customers: 1, active: 1 },
    ]);
  });
});
