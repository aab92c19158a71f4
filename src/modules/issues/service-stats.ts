import { sql } from 'kysely';
import { addDays, now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import type { ServiceStatsQuery } from './issues.schema.ts';
import { slaStateSql } from './sla.ts';

export type ServiceFigures = {
  issues: number;
  resolved: number;
  first_contact_resolved: number;
  fcr_rate: number | null;
  median_first_response_minutes: number | null;
  median_resolution_minutes: number | null;
  breached: number;
};

type StatsRow = ServiceFigures & { agent_id: string | null; agent_name: string | null };

/**
 * Service performance over the issues opened in a period (default: the last 90 days). An issue is a
 * first-contact resolution when it was resolved after exactly one reply that reached the customer
 * and was never reopened; the FCR rate is over the resolved issues. Medians are in minutes from
 * opening. One row per agent and one for everybody: a resolved issue counts for the person who
 * resolved it (their first contact solved it, whoever it was assigned to), an unresolved one for its
 * assignee. Issues resolved before resolved_by was recorded fall back to the assignee.
 */
export async function serviceStats(db: Db, query: ServiceStatsQuery) {
  const at = now();
  const to = query.to ?? at;
  const from = query.from ?? addDays(to, -90);
  const resolved = sql`issues.resolved_at is not null`;
  const fcr = sql`${resolved} and issues.customer_contacts = 1 and issues.reopened_count = 0`;
  const agent = sql`coalesce(issues.resolved_by, issues.assignee_id)`;
  // The period's issues are read first (on Citus, from every shard), then grouped where they were
  // gathered: Citus does not push grouping sets down to the shards.
  const { rows } = await sql<StatsRow & { overall: boolean }>`
    with period_issues as materialized (
      select * from issues where issues.created_at >= ${from} and issues.created_at <= ${to}
    )
    select grouping(${agent}) = 1 as overall, ${agent} as agent_id, max(users.name) as agent_name,
      count(*)::int as issues,
      count(*) filter (where ${resolved})::int as resolved,
      count(*) filter (where ${fcr})::int as first_contact_resolved,
      round(count(*) filter (where ${fcr})::numeric / nullif(count(*) filter (where ${resolved}), 0), 4)::float8 as fcr_rate,
      round((percentile_cont(0.5) within group (order by extract(epoch from issues.first_response_at - issues.created_at)) / 60)::numeric, 1)::float8
        as median_first_response_minutes,
      round((percentile_cont(0.5) within group (order by extract(epoch from issues.resolved_at - issues.created_at)) / 60)::numeric, 1)::float8
        as median_resolution_minutes,
      count(*) filter (where ${slaStateSql(at)} = 'breached')::int as breached
    from period_issues as issues left join users on users.id = ${agent}
    group by grouping sets ((${agent}), ())
    order by overall desc, max(users.name) nulls last`.execute(db);
  const figures = ({ overall: _, agent_id: __, agent_name: ___, ...f }: StatsRow & { overall: boolean }): ServiceFigures => f;
  const overall = rows.find((r) => r.overall);
  return {
    from,
    to,
    overall: overall
      ? figures(overall)
      : { issues: 0, resolved: 0, first_contact_resolved: 0, fcr_rate: null, median_first_response_minutes: null, median_resolution_minutes: null, breached: 0 },
    agents: rows.filter((r) => !r.overall).map((r) => ({ agent_id: r.agent_id, agent_name: r.agent_name, ...figures(r) })),
  };
}
