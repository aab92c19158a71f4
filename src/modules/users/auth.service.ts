import { addDays, now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { verifyPassword } from './passwords.ts';
import { hashSecret, newSecret } from './tokens.ts';
import type { AuthUser } from './users.schema.ts';
import { findUserByEmail } from './users.service.ts';

const failureWindowMs = 15 * 60_000;
const maxFailuresPerEmail = 5;
const maxFailuresPerIp = 30;

type LoginInput = { email: string; password: string; ip: string; sessionDays: number };

/** Checks a password, throttling guessing per email and per address, and opens a session. */
export async function logIn(db: Db, input: LoginInput): Promise<{ user: AuthUser; sessionToken: string }> {
  const since = new Date(now().getTime() - failureWindowMs);
  const failures = await db
    .selectFrom('login_failures')
    .select((eb) => [
      eb.fn.countAll<number>().filterWhere((w) => w(w.fn('lower', ['email']), '=', input.email.toLowerCase())).as('by_email'),
      eb.fn.countAll<number>().filterWhere('ip', '=', input.ip).as('by_ip'),
    ])
    .where('failed_at', '>', since)
    .where((eb) => eb.or([eb(eb.fn('lower', ['email']), '=', input.email.toLowerCase()), eb('ip', '=', input.ip)]))
    .executeTakeFirstOrThrow();
  if (failures.by_email >= maxFailuresPerEmail || failures.by_ip >= maxFailuresPerIp) {
    throw new AppError('rate_limited', 'Too many failed logins; wait 15 minutes and try again');
  }
  const user = await findUserByEmail(db, input.email);
  const ok = user?.active === true && (await verifyPassword(input.password, user.password_hash));
  if (!user || !ok) {
    await db.insertInto('login_failures').values({ email: input.email, ip: input.ip, failed_at: now() }).execute();
    throw new AppError('unauthorized', 'Email or password is wrong');
  }
  const { secret, hash } = newSecret('s_');
  await db
    .insertInto('sessions')
    .values({ token_hash: hash, user_id: user.id, created_at: now(), expires_at: addDays(now(), input.sessionDays) })
    .execute();
  return { user: { id: user.id, email: user.email, name: user.name, role: user.role }, sessionToken: secret };
}

export async function logOut(db: Db, sessionToken: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', hashSecret(sessionToken)).execute();
}

export async function userForSession(db: Db, sessionToken: string): Promise<AuthUser | undefined> {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.email', 'users.name', 'users.role'])
    .where('sessions.token_hash', '=', hashSecret(sessionToken))
    .where('sessions.expires_at', '>', now())
    .where('users.active', '=', true)
    .executeTakeFirst();
}

export async function createApiToken(db: Db, userId: string, name: string) {
  const { secret, hash } = newSecret('act_');
  const row = await db
    .insertInto('api_tokens')
    .values({ user_id: userId, name, token_hash: hash, created_at: now() })
    .returning(['id', 'name', 'created_at'])
    .executeTakeFirstOrThrow();
  return { ...row, token: secret };
}

export async function userForApiToken(db: Db, token: string): Promise<AuthUser | undefined> {
  const row = await db
    .updateTable('api_tokens')
    .set({ last_used_at: now() })
    .from('users')
    .whereRef('users.id', '=', 'api_tokens.user_id')
    .where('api_tokens.token_hash', '=', hashSecret(token))
    .where('api_tokens.revoked_at', 'is', null)
    .where('users.active', '=', true)
    .returning(['users.id', 'users.email', 'users.name', 'users.role'])
    .executeTakeFirst();
  return row;
}

export async function revokeApiToken(db: Db, userId: string, tokenId: string): Promise<void> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now() })
    .where('id', '=', tokenId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new AppError('not_found', 'API token not found');
}
