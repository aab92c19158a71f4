import type { Transaction } from 'kysely';
import type { Db } from '../../platform/db.ts';
import type { Database } from '../../platform/db-schema.ts';
import { AppError } from '../../platform/errors.ts';
import { countPlannedTouches, handOverPlannedTouches } from '../touches/index.ts';

export type HandOver = { fromUserId: string; toUserId: string; actorId: string };

/**
 * Work a person leaving the team still holds, and how it moves to a colleague. The module that owns
 * the rows supplies it (accounts, deals, issues; the server assembles the list), so users, a core
 * module, never writes another module's table nor imports a feature module.
 */
export type LeaverWork = {
  kind: 'planned_touches' | 'accounts' | 'open_deals' | 'open_issues';
  /** One item and several, as a person reads them: "planned touch", "planned touches". */
  one: string;
  many: string;
  count: (db: Db, userId: string) => Promise<number>;
  handOver: (trx: Transaction<Database>, handOver: HandOver) => Promise<number>;
};

export type WorkToHandOver = Partial<Record<LeaverWork['kind'], number>>;

export const plannedTouchesWork: LeaverWork = {
  kind: 'planned_touches',
  one: 'planned touch',
  many: 'planned touches',
  count: countPlannedTouches,
  handOver: handOverPlannedTouches,
};

/** What a person holds, kind by kind (zeros included): what deactivating them would hand over. */
export async function workHeldBy(db: Db, userId: string, works: LeaverWork[]): Promise<WorkToHandOver> {
  const held: WorkToHandOver = {};
  for (const work of works) held[work.kind] = await work.count(db, userId);
  return held;
}

const listInWords = (parts: string[]) => (parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`);

/**
 * Everything the leaver holds goes to one active colleague in the deactivation's transaction, so
 * no customer is left with an owner who cannot sign in. Without a colleague, only someone who holds
 * nothing may leave; the refusal says what needs taking over.
 */
export async function handOverWorkOfLeaver(
  trx: Transaction<Database>,
  leaver: { leaverId: string; colleagueId: string | undefined; actorId: string },
  works: LeaverWork[],
): Promise<WorkToHandOver> {
  const held = await workHeldBy(trx, leaver.leaverId, works);
  const colleagueId = leaver.colleagueId;
  if (colleagueId === undefined) {
    const parts = works.flatMap((w) => {
      const n = held[w.kind] ?? 0;
      return n === 0 ? [] : [`${n} ${n === 1 ? w.one : w.many}`];
    });
    if (parts.length === 0) return held;
    throw new AppError('unprocessable', `Choose a colleague to take over their ${listInWords(parts)}`, 'hand_over_to');
  }
  if (colleagueId === leaver.leaverId) throw new AppError('unprocessable', 'Choose someone other than the person leaving to take over', 'hand_over_to');
  const colleague = await trx.selectFrom('users').select('id').where('id', '=', colleagueId).where('active', '=', true).executeTakeFirst();
  if (!colleague) throw new AppError('unprocessable', 'The colleague taking over must be an active user', 'hand_over_to');
  const moved: WorkToHandOver = {};
  for (const work of works) moved[work.kind] = await work.handOver(trx, { fromUserId: leaver.leaverId, toUserId: colleagueId, actorId: leaver.actorId });
  return moved;
}
