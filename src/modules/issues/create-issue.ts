import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { appendEvent } from '../../platform/events.ts';
import { planTouchInTransaction } from '../touches/index.ts';
import { chooseIssueAssignee } from './issue-routing.ts';
import type { CreateIssueInput } from './issues.schema.ts';
import { slaDeadlines } from './sla.ts';

/** The owner's heads-up note about a new issue starts so; resolving the issue cancels it if still planned. */
export const headsUpSubject = 'Service issue at ';

/**
 * Opens a service issue, routed to the service team by rule, with its SLA deadlines. The account's
 * owner (sales) is not given the issue: they see it on the timeline and get a note in My day, so
 * they are never surprised by a customer's problem on their next call.
 */
export async function openIssue(db: Db, input: CreateIssueInput, actorId: string | null) {
  return db.transaction().execute(async (trx) => {
    const account = await trx
      .selectFrom('accounts')
      .leftJoin('users as owner', (join) => join.onRef('owner.id', '=', 'accounts.owner_id').on('owner.active', '=', true))
      .select(['accounts.id', 'accounts.name', 'accounts.service_owner_id', 'owner.id as owner_id'])
      .where('accounts.id', '=', input.account_id)
      .executeTakeFirst();
    if (!account) throw new AppError('unprocessable', `No account with id ${input.account_id}`, 'account_id');
    if (input.contact_id) {
      const contact = await trx.selectFrom('contacts').select('id').where('account_id', '=', account.id).where('id', '=', input.contact_id).executeTakeFirst();
      if (!contact) throw new AppError('unprocessable', 'No contact with this id on the account', 'contact_id');
    }
    const at = now();
    const assignee = await chooseIssueAssignee(trx, account.service_owner_id);
    const issue = await trx
      .insertInto('issues')
      .values({
        account_id: account.id,
        title: input.title,
        description: input.description,
        severity: input.severity,
        channel: input.channel,
        contact_id: input.contact_id ?? null,
        assignee_id: assignee?.id ?? null,
        created_by: actorId,
        ...(await slaDeadlines(trx, input.severity, at)),
        created_at: at,
        updated_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendEvent(trx, {
      type: 'issue.created',
      accountId: account.id,
      subjectId: issue.id,
      actorId,
      payload: { title: issue.title, severity: issue.severity, assignee_id: assignee?.id ?? null, assignee_name: assignee?.name ?? null },
    });
    if (account.owner_id) {
      await planTouchInTransaction(trx, {
        accountId: account.id,
        kind: 'note',
        subject: `${headsUpSubject}${account.name}: ${issue.title}`,
        notes: `Severity ${issue.severity}. ${assignee ? `${assignee.name} (service) is handling it.` : 'Not yet assigned: no active service user.'}`,
        assigneeId: account.owner_id,
        dueAt: at,
        actorId,
      });
    }
    return issue;
  });
}
