import { now } from '../../platform/clock.ts';
import { appendEvent } from '../../platform/events.ts';
import type { LeaverWork } from '../users/index.ts';
import { chooseIssueAssignee, requireServiceAgent } from './issue-routing.ts';

const unresolved = ['new', 'open', 'waiting'] as const;

/**
 * A leaver's unresolved issues. They go to the colleague taking over when that colleague is on the
 * service team; otherwise each is routed as a new issue would be (the account's service owner, or
 * the least-loaded agent), because an issue never lands on a salesperson. Each move is an
 * `issue.assigned` event, so the new assignee is notified.
 */
export const openIssuesWork: LeaverWork = {
  kind: 'open_issues',
  one: 'open issue',
  many: 'open issues',
  count: async (db, userId) =>
    Number(
      (await db.selectFrom('issues').select((eb) => eb.fn.countAll<string>().as('n')).where('assignee_id', '=', userId).where('status', 'in', unresolved).executeTakeFirstOrThrow()).n,
    ),
  handOver: async (trx, handOver) => {
    const issues = await trx
      .selectFrom('issues')
      .innerJoin('accounts', 'accounts.id', 'issues.account_id')
      .select(['issues.id', 'issues.account_id', 'issues.title', 'accounts.service_owner_id'])
      .where('issues.assignee_id', '=', handOver.fromUserId)
      .where('issues.status', 'in', unresolved)
      .orderBy('issues.created_at')
      .execute();
    const colleagueServes = (await requireServiceAgent(trx, handOver.toUserId)) !== null;
    for (const issue of issues) {
      const assigneeId = colleagueServes ? handOver.toUserId : ((await chooseIssueAssignee(trx, issue.service_owner_id, handOver.fromUserId))?.id ?? null);
      await trx.updateTable('issues').set({ assignee_id: assigneeId, updated_at: now() }).where('account_id', '=', issue.account_id).where('id', '=', issue.id).execute();
      if (assigneeId) {
        await appendEvent(trx, { type: 'issue.assigned', accountId: issue.account_id, subjectId: issue.id, actorId: handOver.actorId, payload: { title: issue.title, assignee_id: assigneeId } });
      }
    }
    return issues.length;
  },
};
