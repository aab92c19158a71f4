import type { Transaction } from 'kysely';
import type { Db } from '../../platform/db.ts';
import type { Database } from '../../platform/db-schema.ts';
import { appendEvent } from '../../platform/events.ts';

type HandOver = { fromUserId: string; toUserId: string; actorId: string };

/**
 * Every planned touch of one person goes to a colleague (someone leaving the team): each move is an
 * event on the account, so the timeline and webhooks can tell who now owns the next step.
 * Runs in the caller's transaction, so a deactivation and its hand-over commit together.
 */
export async function handOverPlannedTouches(trx: Transaction<Database>, handOver: HandOver): Promise<number> {
  const moved = await trx
    .updateTable('touches')
    .set({ assignee_id: handOver.toUserId })
    .where('assignee_id', '=', handOver.fromUserId)
    .where('status', '=', 'planned')
    .returning(['id', 'account_id', 'kind'])
    .execute();
  for (const touch of moved) {
    await appendEvent(trx, {
      type: 'touch.handed_over',
      accountId: touch.account_id,
      subjectId: touch.id,
      actorId: handOver.actorId,
      payload: { kind: touch.kind, from_user_id: handOver.fromUserId, to_user_id: handOver.toUserId },
    });
  }
  return moved.length;
}

/** How many planned touches a person still has: a deactivation must hand them to someone. */
export async function countPlannedTouches(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('touches')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('assignee_id', '=', userId)
    .where('status', '=', 'planned')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

type AwayCover = { awayUserId: string; coverUserId: string; from: Date; until: Date; awayUntil: string; actorId: string };

/**
 * A person's planned touches due while they are away go to the colleague covering for them, each
 * move an event on the account's timeline. The moved touches are no longer theirs, so saving the
 * same time away again moves nothing twice.
 */
export async function coverPlannedTouchesWhileAway(trx: Transaction<Database>, cover: AwayCover): Promise<number> {
  const moved = await trx
    .updateTable('touches')
    .set({ assignee_id: cover.coverUserId })
    .where('assignee_id', '=', cover.awayUserId)
    .where('status', '=', 'planned')
    .where('due_at', '>=', cover.from)
    .where('due_at', '<', cover.until)
    .returning(['id', 'account_id', 'kind'])
    .execute();
  for (const touch of moved) {
    await appendEvent(trx, {
      type: 'touch.covered_while_away',
      accountId: touch.account_id,
      subjectId: touch.id,
      actorId: cover.actorId,
      payload: { kind: touch.kind, from_user_id: cover.awayUserId, to_user_id: cover.coverUserId, away_until: cover.awayUntil },
    });
  }
  return moved.length;
}
