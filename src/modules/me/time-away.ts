import type { Transaction } from 'kysely';
import { addCalendarDays, zonedTime } from '../../platform/working-time.ts';
import type { Database } from '../../platform/db-schema.ts';
import { AppError } from '../../platform/errors.ts';
import { coverPlannedTouchesWhileAway } from '../touches/index.ts';

type AwayUser = { id: string; role: Database['users']['role']; time_zone: string; away_from: string | null; away_until: string | null; away_backup_id: string | null };

/** The backup they named, else the active colleague of the same role with the fewest planned touches. */
async function coverFor(trx: Transaction<Database>, user: AwayUser): Promise<string> {
  if (user.away_backup_id) {
    if (user.away_backup_id === user.id) throw new AppError('unprocessable', 'Choose someone other than yourself as backup', 'away_backup_id');
    const backup = await trx.selectFrom('users').select('id').where('id', '=', user.away_backup_id).where('active', '=', true).executeTakeFirst();
    if (!backup) throw new AppError('unprocessable', 'The backup must be an active colleague', 'away_backup_id');
    return backup.id;
  }
  const colleague = await trx
    .selectFrom('users')
    .leftJoin('touches', (j) => j.onRef('touches.assignee_id', '=', 'users.id').on('touches.status', '=', 'planned'))
    .select('users.id')
    .where('users.role', '=', user.role)
    .where('users.active', '=', true)
    .where('users.id', '<>', user.id)
    .groupBy('users.id')
    .orderBy((eb) => eb.fn.count('touches.id'), 'asc')
    .orderBy('users.id')
    .executeTakeFirst();
  if (!colleague) throw new AppError('unprocessable', 'Nobody else has your role: name a backup to take your work while you are away', 'away_backup_id');
  return colleague.id;
}

/**
 * Hands the work due while a person is away to who covers for them, when they save the dates: the
 * days are whole days in their own time zone, first to last.
 */
export async function coverWorkWhileAway(trx: Transaction<Database>, user: AwayUser, actorId: string): Promise<number> {
  if (!user.away_from || !user.away_until) return 0;
  const coverUserId = await coverFor(trx, user);
  return coverPlannedTouchesWhileAway(trx, {
    awayUserId: user.id,
    coverUserId,
    from: zonedTime(user.away_from, 0, user.time_zone),
    until: zonedTime(addCalendarDays(user.away_until, 1), 0, user.time_zone),
    awayUntil: user.away_until,
    actorId,
  });
}
