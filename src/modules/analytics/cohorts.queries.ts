import type { Db } from '../../platform/db.ts';

/** A quarter as year · 4 + quarter − 1 (what the scoring query returns) → its first day. */
const quarterStart = (quarter: number) => `${Math.floor(quarter / 4)}-${String((quarter % 4) * 3 + 1).padStart(2, '0')}-01`;

/**
 * Counts, for each quarterly cohort of first orders, how many of its customers ordered in each
 * later quarter. Scoring feeds it every account's order quarters as it reads them, chunk by chunk,
 * so the table costs no read of all orders of its own.
 */
export function createCohortCounter() {
  // cohort quarter → accounts active in period 0, 1, 2, … (period 0 is everyone in the cohort)
  const active = new Map<number, number[]>();
  return {
    /** One account's quarters with an order, ascending. */
    add(quarters: readonly number[]) {
      const cohort = quarters[0];
      if (cohort === undefined) return;
      let counts = active.get(cohort);
      if (!counts) {
        counts = [];
        active.set(cohort, counts);
      }
      for (const quarter of quarters) counts[quarter - cohort] = (counts[quarter - cohort] ?? 0) + 1;
    },
    rows(runId: number) {
      return [...active].flatMap(([cohort, counts]) =>
        counts.flatMap((count, period) =>
          count === undefined ? [] : [{ run_id: runId, cohort: quarterStart(cohort), period, customers: counts[0] ?? 0, active: count }],
        ),
      );
    },
  };
}

export type CohortCounter = ReturnType<typeof createCohortCounter>;

/** Writes the counted cohorts of a run in one statement. */
export async function recordCohortRetention(db: Db, runId: number, counter: CohortCounter): Promise<void> {
  const rows = counter.rows(runId);
  if (rows.length > 0) await db.insertInto('cohort_retention').values(rows).execute();
}

/** The latest `cohorts` quarterly cohorts of a run: period 0 is the first quarter, 100 % by definition. */
export async function cohortRetention(db: Db, runId: number, cohorts = 8) {
  const rows = await db
    .selectFrom('cohort_retention')
    .select(['cohort', 'period', 'customers', 'active'])
    .where('run_id', '=', runId)
    .where('cohort', 'in', (eb) =>
      eb.selectFrom('cohort_retention').select('cohort').distinct().where('run_id', '=', runId).orderBy('cohort', 'desc').limit(cohorts),
    )
    .orderBy('cohort')
    .orderBy('period')
    .execute();
  return rows.map((row) => ({ ...row, retention: row.customers === 0 ? 0 : row.active / row.customers }));
}
