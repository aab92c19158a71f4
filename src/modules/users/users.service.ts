import type { Db } from '../../platform/db.ts';
import { recordAudit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { hashPassword } from './passwords.ts';
import type { AuthUser, CreateUserInput, UpdateUserInput } from './users.schema.ts';

const publicColumns = ['id', 'email', 'name', 'role', 'time_zone', 'active', 'created_at'] as const;

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
      .values({ email: input.email, name: input.name, role: input.role, time_zone: input.time_zone, password_hash: passwordHash })
      .returning(['id', 'email', 'name', 'role'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorId, action: 'user.created', entityType: 'user', entityId: user.id, changes: { email: user.email, role: user.role } });
    return user;
  });
}

/**
 * Changes a user's role or deactivates them (their sessions and tokens stop working at once: the
 * auth hook only accepts active users). An admin cannot change themselves, so the last admin
 * cannot lock everyone out by accident.
 */
export async function updateUser(db: Db, id: string, input: UpdateUserInput, actorId: string) {
  if (id === actorId) throw new AppError('conflict', 'Ask another admin to change your own role or status', 'id');
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('users').select(publicColumns).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound('User');
    const after = await trx.updateTable('users').set(input).where('id', '=', id).returning(publicColumns).executeTakeFirstOrThrow();
    const entry = { actorId, entityType: 'user', entityId: id } as const;
    if (after.role !== before.role) {
      await recordAudit(trx, { ...entry, action: 'user.role_changed', changes: { role: { before: before.role, after: after.role } } });
    }
    if (after.active !== before.active) {
      await recordAudit(trx, { ...entry, action: after.active ? 'user.reactivated' : 'user.deactivated', changes: { active: { before: before.active, after: after.active } } });
    }
    return after;
  });
}

export async function listUsers(db: Db) {
  return db.selectFrom('users').select(publicColumns).orderBy('name').orderBy('id').execute();
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
