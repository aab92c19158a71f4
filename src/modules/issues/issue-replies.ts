import { sql } from 'kysely';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { accountOfRow } from '../../platform/account-rows.ts';
import { finishTouchInTransaction } from '../touches/index.ts';
import { planTouchInTransaction } from '../touches/index.ts';
import type { IssueReplyInput } from './issues.schema.ts';

/**
 * Records a reply on an issue as a done touch on the account's timeline. A call, email or meeting
 * reached the customer: it counts towards first-contact resolution, the first one stops the
 * first-response clock, and a new issue becomes open. A note is internal and changes neither.
 */
export async function replyToIssue(db: Db, issueId: string, input: IssueReplyInput, actorId: string) {
  return db.transaction().execute(async (trx) => {
    const accountId = await accountOfRow(trx, 'issues', issueId);
    if (!accountId) throw notFound('Issue');
    const issue = await trx.selectFrom('issues').select(['account_id', 'id', 'title', 'status', 'contact_id']).where('account_id', '=', accountId).where('id', '=', issueId).forUpdate().executeTakeFirst();
    if (!issue) throw notFound('Issue');
    if (issue.status === 'closed') throw new AppError('conflict', 'The issue is closed; reopen it to reply', 'status');
    const at = now();
    const planned = await planTouchInTransaction(trx, {
      accountId: issue.account_id,
      kind: input.kind,
      subject: input.subject ?? `Re: ${issue.title}`,
      notes: input.body,
      contactId: issue.contact_id ?? undefined,
      assigneeId: actorId,
      dueAt: at,
      actorId,
    });
    const { touch } = await finishTouchInTransaction(trx, planned, { doneAt: at }, actorId);
    const customerContact = input.kind !== 'note';
    await trx.insertInto('issue_touches').values({ account_id: issue.account_id, issue_id: issue.id, touch_id: touch.id, customer_contact: customerContact }).execute();
    if (customerContact) {
      await trx
        .updateTable('issues')
        .set({
          customer_contacts: sql`customer_contacts + 1`,
          first_response_at: sql`coalesce(first_response_at, ${at}::timestamptz)`,
          status: sql`case when status = 'new' then 'open' else status end`,
          updated_at: at,
        })
        .where('account_id', '=', issue.account_id)
        .where('id', '=', issue.id)
        .execute();
    }
    return touch;
  });
}
