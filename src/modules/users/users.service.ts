import type { Transaction } from 'kysely';
import type { Db } from '../../platform/db.ts';
import type { Database } from '../../platform/db-schema.ts';
import { countPlannedTouches, handOverPlannedTouches } from '../touches/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { announceUserChange } from './auth-cache.ts';
import { defaultTouchesPerDay } from './capacity.ts';
import { hashPassword } from './passwords.ts';
import type { AuthUser, CreateUserInput, UpdateUserInput } from './users.schema.ts';

const publicColumns = ['id', 'email', 'name', 'role', 'time_zone', 'active', 'created_at', 'touches_per_day', 'working_days', 'work_start_hour', 'work_end_hour'] as const;
const capacityColumns = ['touches_per_day', 'working_days', 'work_start_hour', 'work_end_hour'] as const;

/** `actorId` is the admin who adds the user; null from the command line (`afterclose user add`). */
export async function createUser(db: Db, input: CreateUserInput, actorId: string | null): Promise<AuthUser> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('users')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['email']), '=', input.email.toLowerCase()))
      .executeTakeFirst();
    if (taken) throw new AppError('conflict', 'A user with this email already exists', 'email');
    const user = await trx
      .insertInto('users')
      .values({
        email: input.email,
        name: input.name,
        role: input.role,
        time_zone: input.time_zone,
        touches_per_day: defaultTouchesPerDay(input.role),
        password_hash: passwordHash,
        // The admin told them this password; they choose their own at first sign-in.
        must_change_password: actorId !== null,
      })
      .returning(['id', 'email', 'name', 'role'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorId, action: 'user.created', entityType: 'user', entityId: user.id, changes: { email: user.email, role: user.role } });
    return user;
  });
}

/**
 * Changes a user's role, deactivates or reactivates them. A deactivated user's sessions and tokens
 * stop working at once (the auth hook only accepts active users) and their planned touches go to
 * the colleague the admin chose, in the same transaction, so no customer is left without a next
 * step. An admin cannot change their own role or status, so the last admin cannot lock everyone out
 * by accident; their own capacity they may set.
 */
export async function updateUser(db: Db, id: string, input: UpdateUserInput, actorId: string) {
  if (id === actorId && (input.role !== undefined || input.active !== undefined)) {
    throw new AppError('conflict', 'Ask another admin to change your own role or status', 'id');
  }
  const { hand_over_to: handOverTo, ...change } = input;
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('users').select(publicColumns).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound('User');
    const leaving = before.active && change.active === false;
    const touchesMoved = leaving ? await handOverTouchesOfLeaver(trx, id, handOverTo, actorId) : null;
    const after = await trx.updateTable('users').set(change).where('id', '=', id).returning(publicColumns).executeTakeFirstOrThrow();
    await announceUserChange(trx, id);
    const entry = { actorId, entityType: 'user', entityId: id } as const;
    if (after.role !== before.role) {
      await recordAudit(trx, { ...entry, action: 'user.role_changed', changes: { role: { before: before.role, after: after.role } } });
    }
    const capacityChange = Object.fromEntries(
      capacityColumns.filter((c) => JSON.stringify(after[c]) !== JSON.stringify(before[c])).map((c) => [c, { before: before[c], after: after[c] }]),
    );
    if (Object.keys(capacityChange).length > 0) await recordAudit(trx, { ...entry, action: 'user.capacity_changed', changes: capacityChange });
    if (after.active !== before.active) {
      const handOver = touchesMoved === null ? {} : { touches_handed_over: touchesMoved, handed_over_to: handOverTo ?? null };
      await recordAudit(trx, { ...entry, action: after.active ? 'user.reactivated' : 'user.deactivated', changes: { active: { before: before.active, after: after.active }, ...handOver } });
    }
    return after;
  });
}

async function handOverTouchesOfLeaver(trx: Transaction<Database>, leaverId: string, colleagueId: string | undefined, actorId: string): Promise<number> {
  if (colleagueId === undefined) {
    const planned = await countPlannedTouches(trx, leaverId);
    if (planned === 0) return 0;
    throw new AppError('unprocessable', `Choose a colleague to take over their ${planned} planned touch${planned === 1 ? '' : 'es'}`, 'hand_over_to');
  }
  if (colleagueId === leaverId) throw new AppError('unprocessable', 'Choose someone other than the person leaving to take over', 'hand_over_to');
  const colleague = await trx.selectFrom('users').select('id').where('id', '=', colleagueId).where('active', '=', true).executeTakeFirst();
  if (!colleague) throw new AppError('unprocessable', 'The colleague taking over must be an active user', 'hand_over_to');
  return handOverPlannedTouches(trx, { fromUserId: leaverId, toUserId: colleagueId, actorId });
}

/** Everyone, with how many planned touches each still has (what a deactivation would hand over). */
export async function listUsers(db: Db) {
  // Counts grouped first, then joined: Citus runs no subquery per user row over a distributed table.
  const rows = await db
    .selectFrom('users')
    .leftJoin(
      (eb) => eb.selectFrom('touches').select('assignee_id').select((c) => c.fn.countAll<string>().as('n')).where('status', '=', 'planned').groupBy('assignee_id').as('load'),
      (join) => join.onRef('load.assignee_id', '=', 'users.id'),
    )
    .select(publicColumns.map((c) => `users.${c}` as const))
    .select('load.n as planned_touches')
    .orderBy('users.name')
    .orderBy('users.id')
    .execute();
  return rows.map((row) => ({ ...row, planned_touches: Number(row.planned_touches ?? 0) }));
}

export async function findUserByEmail(db: Db, email: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
}

export async function requireActiveUser(db: Db, id: string, field: string): Promise<AuthUser> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role'])
    .where('id', '=', id)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!user) throw new AppError('unprocessable', `No active user with id ${id}`, field);
  return user;
}
