import { sql, type Transaction } from 'kysely';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import type { Database } from '../../platform/db-schema.ts';
import type { IssueStatus } from '../../platform/db-schema.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { appendEvent } from '../../platform/events.ts';
import { accountOfRow } from '../../platform/account-rows.ts';
import { cancelPlannedHeadsUp } from '../touches/index.ts';
import { headsUpSubject } from './create-issue.ts';
import { requireServiceAgent } from './issue-routing.ts';
import type { IssueStatusInput, UpdateIssueInput } from './issues.schema.ts';
import { slaDeadlines } from './sla.ts';

/** new → open → waiting → resolved → closed; resolved or closed → open is a reopen. */
const nextStatuses: Record<IssueStatus, IssueStatus[]> = {
  new: ['open', 'waiting', 'resolved'],
  open: ['waiting', 'resolved'],
  waiting: ['open', 'resolved'],
  resolved: ['closed', 'open'],
  closed: ['open'],
};

async function lockIssue(trx: Transaction<Database>, id: string) {
  const accountId = await accountOfRow(trx, 'issues', id);
  if (!accountId) throw notFound('Issue');
  const issue = await trx.selectFrom('issues').selectAll().where('account_id', '=', accountId).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!issue) throw notFound('Issue');
  return issue;
}

/**
 * Moves an issue along its status flow. Resolving records who resolved it (the service figures
 * credit them) and emits issue.resolved (the follow-up survey playbook listens); reopening counts against
 * first-contact resolution and clears the resolution.
 */
export async function changeIssueStatus(db: Db, id: string, input: IssueStatusInput, actorId: string) {
  return db.transaction().execute(async (trx) => {
    const issue = await lockIssue(trx, id);
    if (!nextStatuses[issue.status].includes(input.status)) {
      throw new AppError('conflict', `An issue that is ${issue.status} cannot become ${input.status}`, 'status');
    }
    const at = now();
    const reopening = input.status === 'open' && (issue.status === 'resolved' || issue.status === 'closed');
    const updated = await trx
      .updateTable('issues')
      .set({
        status: input.status,
        updated_at: at,
        ...(input.status === 'resolved' ? { resolved_at: at, resolved_by: actorId } : {}),
        ...(input.status === 'closed' ? { closed_at: at } : {}),
        ...(reopening ? { resolved_at: null, resolved_by: null, closed_at: null, reopened_count: sql`reopened_count + 1` } : {}),
      })
      .where('account_id', '=', issue.account_id)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.status === 'resolved' || input.status === 'closed') {
      // The owner's heads-up was due when the issue was opened (create-issue.ts); it has nothing left to say.
      await cancelPlannedHeadsUp(trx, { accountId: issue.account_id, kind: 'note', dueAt: issue.created_at, subjectStartsWith: headsUpSubject }, `The service issue was ${input.status}`);
    }
    const type = reopening ? 'issue.reopened' : input.status === 'resolved' || input.status === 'closed' ? (`issue.${input.status}` as const) : 'issue.status_changed';
    await appendEvent(trx, {
      type,
      accountId: issue.account_id,
      subjectId: id,
      actorId,
      payload: {
        title: issue.title,
        issue_id: id,
        severity: issue.severity,
        from: issue.status,
        to: input.status,
        note: input.note ?? null,
        customer_contacts: issue.customer_contacts,
        contact_id: issue.contact_id,
      },
    });
    return updated;
  });
}

/** Edits an issue; a new severity moves the SLA deadlines, and only the service team may own it. */
export async function updateIssue(db: Db, id: string, input: UpdateIssueInput, actorId: string) {
  return db.transaction().execute(async (trx) => {
    const issue = await lockIssue(trx, id);
    if (input.assignee_id && !(await requireServiceAgent(trx, input.assignee_id))) {
      throw new AppError('unprocessable', 'Issues go to the service team: choose an active service user', 'assignee_id');
    }
    const deadlines = input.severity && input.severity !== issue.severity ? await slaDeadlines(trx, input.severity, issue.created_at) : {};
    const updated = await trx
      .updateTable('issues')
      .set({ ...input, ...deadlines, updated_at: now() })
      .where('account_id', '=', issue.account_id)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.assignee_id && input.assignee_id !== issue.assignee_id) {
      await appendEvent(trx, { type: 'issue.assigned', accountId: issue.account_id, subjectId: id, actorId, payload: { title: issue.title, assignee_id: input.assignee_id } });
    }
    return updated;
  });
}
