import { sql, type Transaction } from 'kysely';
import { now } from '../../platform/clock.ts';
import type { Database } from '../../platform/db-schema.ts';
import type { Db } from '../../platform/db.ts';
import type { IssueSeverity } from '../../platform/db-schema.ts';
import { changedFields, recordAudit } from '../../platform/audit.ts';
import type { UpdateSlaInput } from './issues.schema.ts';

const hourMs = 3_600_000;

/** Changes the response and resolution times of one severity; issues already open keep their deadlines. */
export async function updateSla(db: Db, severity: IssueSeverity, input: UpdateSlaInput, actorId: string) {
  return db.transaction().execute(async (trx) => {
    const columns = ['severity', 'first_response_hours', 'resolution_hours'] as const;
    const before = await trx.selectFrom('issue_slas').select(columns).where('severity', '=', severity).forUpdate().executeTakeFirstOrThrow();
    const after = await trx.updateTable('issue_slas').set({ ...input, updated_at: now() }).where('severity', '=', severity).returning(columns).executeTakeFirstOrThrow();
    await recordAudit(trx, { actorId, action: 'settings.sla_updated', entityType: 'settings', entityId: `sla.${severity}`, changes: changedFields(before, after) });
    return after;
  });
}

/** The first-response and resolution deadlines of an issue of this severity opened at `from`. */
export async function slaDeadlines(trx: Transaction<Database>, severity: IssueSeverity, from: Date) {
  const sla = await trx.selectFrom('issue_slas').select(['first_response_hours', 'resolution_hours']).where('severity', '=', severity).executeTakeFirstOrThrow();
  return {
    first_response_due_at: new Date(from.getTime() + sla.first_response_hours * hourMs),
    resolution_due_at: new Date(from.getTime() + sla.resolution_hours * hourMs),
  };
}

/**
 * The SLA state of an issue at `at`: breached when the first response or the resolution came (or,
 * still missing, is) later than its deadline; an unresolved issue is at risk when less than a
 * quarter of the time to a deadline it has not met yet is left. Calendar hours, no pause while
 * waiting for the customer: the customer does not see a pause either.
 */
export function slaStateSql(at: Date) {
  const t = sql`${at}::timestamptz`;
  const done = sql`issues.status in ('resolved', 'closed')`;
  const resolvedBy = sql`case when ${done} then issues.resolved_at else ${t} end`;
  const respondedBy = sql`coalesce(issues.first_response_at, ${resolvedBy})`;
  return sql<'ok' | 'at_risk' | 'breached'>`case
    when ${respondedBy} > issues.first_response_due_at or ${resolvedBy} > issues.resolution_due_at then 'breached'
    when ${done} then 'ok'
    when ${t} > issues.resolution_due_at - (issues.resolution_due_at - issues.created_at) / 4
      or (issues.first_response_at is null and ${t} > issues.first_response_due_at - (issues.first_response_due_at - issues.created_at) / 4)
      then 'at_risk'
    else 'ok' end`;
}

export type OpenIssueCount = { open: number; breached: number };

/**
 * For the health score: per account, the issues not yet resolved at `at` and how many of them have
 * breached their SLA; accounts without open issues are absent from the map. One statement for every
 * account over the unresolved issues' partial index, grouped by the distribution column so Citus
 * runs it on the shards: few accounts have an open issue, so probing each account's issues costs
 * more than reading them all.
 */
export async function openIssueCounts(db: Db, at: Date = now()): Promise<Map<string, OpenIssueCount>> {
  const rows = await db
    .selectFrom('issues')
    .select((eb) => [
      'issues.account_id',
      eb.fn.countAll<number>().as('open'),
      sql<number>`count(*) filter (where ${slaStateSql(at)} = 'breached')::int`.as('breached'),
    ])
    .where('issues.status', 'in', ['new', 'open', 'waiting'])
    .where('issues.created_at', '<=', at)
    .groupBy('issues.account_id')
    .execute();
  return new Map(rows.map((r) => [r.account_id, { open: Number(r.open), breached: Number(r.breached) }]));
}
