import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { hashPassword } from './passwords.ts';
import type { AuthUser, CreateUserInput } from './users.schema.ts';

const publicColumns = ['id', 'email', 'name', 'role', 'time_zone', 'active', 'created_at'] as const;

export async function createUser(db: Db, input: CreateUserInput): Promise<AuthUser> {
  const taken = await db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', input.email.toLowerCase()))
    .executeTakeFirst();
  if (taken) throw new AppError('conflict', 'A user with this email already exists', 'email');
  return db
    .insertInto('users')
    .values({
      email: input.email,
      name: input.name,
      role: input.role,
      time_zone: input.time_zone,
      password_hash: await hashPassword(input.password),
    })
    .returning(['id', 'email', 'name', 'role'])
    .executeTakeFirstOrThrow();
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
