import type { Transaction } from 'kysely';
import type { Database } from '../../platform/db-schema.ts';
import { appendEvent } from '../../platform/events.ts';
import { refreshDealSteps } from './deal-steps.ts';

/** One task to move to another day of the same person, and the due time it had when the move was planned. */
export type TouchMove = { touchId: string; assigneeId: string; fromDueAt: Date; toDueAt: Date };

/**
 * Moves planned tasks to other days of the same person (a team-load rebalance), each move an event.
 * A task is moved only if it is still planned, still theirs and still due when the move was planned
 * from, so a move is never made on a stale due time. Returns the
 * moves that happened. Runs in the caller's transaction: all move, or none.
 */
export async function rescheduleTouchesInTransaction(trx: Transaction<Database>, moves: TouchMove[], actorId: string): Promise<TouchMove[]> {
  const done: TouchMove[] = [];
  for (const move of moves) {
    const row = await trx
      .updateTable('touches')
      .set({ due_at: move.toDueAt, planning_flag: null })
      .where('id', '=', move.touchId)
      .where('status', '=', 'planned')
      .where('assignee_id', '=', move.assigneeId)
      .where('due_at', '=', move.fromDueAt)
      .returning(['account_id', 'deal_id', 'kind'])
      .executeTakeFirst();
    if (!row) continue;
    await refreshDealSteps(trx, [row]);
    await appendEvent(trx, {
      type: 'touch.rebalanced',
      accountId: row.account_id,
      subjectId: move.touchId,
      actorId,
      payload: { kind: row.kind, assignee_id: move.assigneeId, from_due_at: move.fromDueAt.toISOString(), to_due_at: move.toDueAt.toISOString() },
    });
    done.push(move);
  }
  return done;
}
