import { sql } from 'kysely';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { preparedKeysetPage } from '../../platform/paging.ts';
import type { IssueStatus } from '../../platform/db-schema.ts';
import type { ListIssuesQuery } from './issues.schema.ts';
import { slaStateSql } from './sla.ts';

function issuesWithNames(db: Db, at: Date) {
  return db
    .selectFrom('issues')
    .innerJoin('accounts', 'accounts.id', 'issues.account_id')
    .leftJoin('users as assignee', 'assignee.id', 'issues.assignee_id')
    .leftJoin('contacts', (join) => join.onRef('contacts.account_id', '=', 'issues.account_id').onRef('contacts.id', '=', 'issues.contact_id'))
    .select([
      'issues.id',
      'issues.account_id',
      'accounts.name as account_name',
      'issues.title',
      'issues.description',
      'issues.severity',
      'issues.status',
      'issues.channel',
      'issues.contact_id',
      'contacts.name as contact_name',
      'issues.assignee_id',
      'assignee.name as assignee_name',
      'issues.first_response_due_at',
      'issues.resolution_due_at',
      'issues.first_response_at',
      'issues.resolved_at',
      'issues.closed_at',
      'issues.customer_contacts',
      'issues.reopened_count',
      'issues.created_at',
      'issues.updated_at',
      slaStateSql(at).as('sla_state'),
    ]);
}

type IssueListValues = { at: Date; status: IssueStatus | undefined } & Pick<ListIssuesQuery, 'sla' | 'account_id' | 'assignee_id'>;

const pageOfIssues = preparedKeysetPage(
  [
    { by: 'issues.created_at', type: 'timestamptz', order: 'desc' },
    { by: 'issues.id', type: 'uuid', order: 'desc' },
  ],
  (db: Db, { at, status, sla, account_id, assignee_id }: IssueListValues, shape) => {
    let q = issuesWithNames(db, at);
    if (shape === 'unresolved') q = q.where('issues.status', 'in', ['new', 'open', 'waiting']);
    else if (status) q = q.where('issues.status', '=', status);
    if (sla) q = q.where(slaStateSql(at), '=', sla);
    if (account_id) q = q.where('issues.account_id', '=', account_id);
    if (assignee_id) q = q.where('issues.assignee_id', '=', assignee_id);
    return q;
  },
);

/** Issues newest first; `sla` lists the breached or at-risk ones among those not yet resolved. */
export async function listIssues(db: Db, { limit, cursor, ...filters }: ListIssuesQuery) {
  const { status, sla, account_id, assignee_id } = filters;
  const unresolved = status === 'unresolved' || sla !== undefined;
  const values = { at: now(), status: unresolved ? undefined : status, sla, account_id, assignee_id };
  return pageOfIssues(db, values, { limit, cursor }, unresolved ? 'unresolved' : '');
}

/** One issue with its replies (touches on the timeline), oldest first. */
export async function getIssue(db: Db, id: string) {
  const issue = await issuesWithNames(db, now()).where('issues.id', '=', id).executeTakeFirst();
  if (!issue) throw notFound('Issue');
  const replies = await db
    .selectFrom('issue_touches')
    .innerJoin('touches', (join) => join.onRef('touches.account_id', '=', 'issue_touches.account_id').onRef('touches.id', '=', 'issue_touches.touch_id'))
    .leftJoin('users', 'users.id', 'touches.assignee_id')
    .select(['touches.id', 'touches.kind', 'touches.subject', 'touches.notes', 'touches.done_at', 'users.name as author_name', 'issue_touches.customer_contact'])
    .where('issue_touches.account_id', '=', issue.account_id)
    .where('issue_touches.issue_id', '=', id)
    .orderBy('touches.done_at')
    .orderBy('touches.id')
    .execute();
  return { ...issue, replies };
}

export async function listSlas(db: Db) {
  return db
    .selectFrom('issue_slas')
    .select(['severity', 'first_response_hours', 'resolution_hours'])
    .orderBy(sql`array_position(array['urgent', 'high', 'normal', 'low'], severity)`)
    .execute();
}
