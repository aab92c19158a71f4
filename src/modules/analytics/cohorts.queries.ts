import { sql } from 'kysely';
import type { Db } from '../../platform/db.ts';

/**
 * Records, for each quarterly cohort of first orders up to the as-of date, how many of its
 * customers ordered in each later quarter. One statement over all orders: a read that takes no row
 * locks, run once per scoring run rather than per request.
 */
export async function recordCohortRetention(db: Db, runId: number, asOf: string): Promise<void> {
  await sql`
    with active as (
      select distinct account_id, date_trunc('quarter', placed_at at time zone 'UTC')::date as quarter
      from orders
      where status <> 'cancelled' and placed_at < ((${asOf}::date + 1)::timestamp at time zone 'UTC')
    ), cohorts as (
      select account_id, min(quarter) as cohort from active group by account_id
    ), sizes as (
      select cohort, count(*)::int as customers from cohorts group by cohort
    )
    insert into cohort_retention (run_id, cohort, period, customers, active)
    select ${runId}::bigint, c.cohort,
      ((extract(year from a.quarter) - extract(year from c.cohort)) * 4
        + extract(quarter from a.quarter) - extract(quarter from c.cohort))::int,
      s.customers, count(*)::int
    from active a join cohorts c using (account_id) join sizes s using (cohort)
    group by c.cohort, a.quarter, s.customers`.execute(db);
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
