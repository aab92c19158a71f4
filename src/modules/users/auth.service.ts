import { addDays, now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { dummyPasswordHash, verifyPassword } from './passwords.ts';
import { announceUserChange, cachedSignIn, forgetKey, noteTokenUse, rememberSignIn } from './auth-cache.ts';
import { hashSecret, newSecret } from './tokens.ts';
import type { SignedInUser } from '../../platform/http.ts';
import type { AuthUser } from './users.schema.ts';
import { findUserByEmail } from './users.service.ts';

// Failures are counted per account *and* address: a lock keyed on the email alone would let anyone
// lock any user out from anywhere. Past the free attempts each failure doubles the wait, so one
// address guesses a handful of passwords an hour while the owner, elsewhere, is never locked out.
const freeFailuresPerPair = 5;
const firstLockMs = 60_000;
const longestLockMs = 60 * 60_000;
const pairMemoryMs = 24 * 60 * 60_000; // housekeeping drops failures older than a day
// One address trying many accounts (credential stuffing) is slowed as a whole.
const addressWindowMs = 15 * 60_000;
const maxFailuresPerAddress = 30;

type LoginInput = { email: string; password: string; ip: string; sessionDays: number };

/** How long this address must still wait before trying this account again, in ms (0: it may try). */
async function lockRemainingMs(db: Db, email: string, ip: string): Promise<number> {
  const at = now().getTime();
  const [pair, address] = await Promise.all([
    db
      .selectFrom('login_failures')
      .select((eb) => [eb.fn.countAll<number>().as('failures'), eb.fn.max('failed_at').as('last_failed_at')])
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
      .where('ip', '=', ip)
      .where('failed_at', '>', new Date(at - pairMemoryMs))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('login_failures')
      .select((eb) => eb.fn.countAll<number>().as('failures'))
      .where('ip', '=', ip)
      .where('failed_at', '>', new Date(at - addressWindowMs))
      .executeTakeFirstOrThrow(),
  ]);
  if (Number(address.failures) >= maxFailuresPerAddress) return addressWindowMs;
  const beyond = Number(pair.failures) - freeFailuresPerPair;
  if (beyond < 0 || !pair.last_failed_at) return 0;
  const lockMs = Math.min(firstLockMs * 2 ** beyond, longestLockMs);
  return Math.max(0, new Date(pair.last_failed_at).getTime() + lockMs - at);
}

/**
 * Refuses a password check while this address must wait for this account: a login, or a password
 * change whose "current password" would otherwise let a stolen session guess it without limit.
 */
export async function refuseWhileLocked(db: Db, email: string, ip: string): Promise<void> {
  const waitMs = await lockRemainingMs(db, email, ip);
  if (waitMs > 0) {
    const minutes = Math.ceil(waitMs / 60_000);
    throw new AppError('rate_limited', `Too many wrong passwords from this address; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`);
  }
}

/** Checks a password, throttling guessing per account-and-address and per address, and opens a session. */
export async function logIn(db: Db, input: LoginInput): Promise<{ user: AuthUser; sessionToken: string }> {
  await refuseWhileLocked(db, input.email, input.ip);
  const user = await findUserByEmail(db, input.email);
  const passwordOk = await verifyPassword(input.password, user?.password_hash ?? (await dummyPasswordHash()));
  if (!user?.active || !passwordOk) {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('login_failures').values({ email: input.email, ip: input.ip, failed_at: now() }).execute();
      // An unknown address is not written down: people type their password into the email field.
      await recordAudit(trx, {
        actorId: null,
        action: 'user.login_failed',
        entityType: 'user',
        entityId: user?.id ?? null,
        changes: user ? { email: user.email, reason: user.active ? 'wrong_password' : 'inactive' } : { reason: 'unknown_email' },
        ip: input.ip,
      });
    });
    throw new AppError('unauthorized', 'Email or password is wrong');
  }
  const { secret, hash } = newSecret('s_');
  await db.transaction().execute(async (trx) => {
    // The owner got in from here: earlier typos from this address no longer count against them.
    await trx
      .deleteFrom('login_failures')
      .where((eb) => eb(eb.fn('lower', ['email']), '=', input.email.toLowerCase()))
      .where('ip', '=', input.ip)
      .execute();
    await trx
      .insertInto('sessions')
      .values({ token_hash: hash, user_id: user.id, created_at: now(), expires_at: addDays(now(), input.sessionDays) })
      .execute();
    await recordAudit(trx, { actorId: user.id, action: 'user.login_succeeded', entityType: 'user', entityId: user.id, ip: input.ip });
  });
  return { user: { id: user.id, email: user.email, name: user.name, role: user.role }, sessionToken: secret };
}

export async function logOut(db: Db, sessionToken: string): Promise<void> {
  const hash = hashSecret(sessionToken);
  forgetKey(`s:${hash}`);
  await db.transaction().execute(async (trx) => {
    const ended = await trx.deleteFrom('sessions').where('token_hash', '=', hash).returning('user_id').executeTakeFirst();
    if (ended) await announceUserChange(trx, ended.user_id);
  });
}

export async function userForSession(db: Db, sessionToken: string): Promise<SignedInUser | undefined> {
  const key = `s:${hashSecret(sessionToken)}`;
  const cached = cachedSignIn(key);
  if (cached) return cached.user;
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.email', 'users.name', 'users.role', 'users.must_change_password', 'sessions.expires_at'])
    .where('sessions.token_hash', '=', key.slice(2))
    .where('sessions.expires_at', '>', now())
    .where('users.active', '=', true)
    .executeTakeFirst();
  if (!row) return undefined;
  const { expires_at: expiresAt, ...user } = row;
  rememberSignIn(key, user, { expiresAt: new Date(expiresAt) });
  return user;
}

export async function createApiToken(db: Db, userId: string, name: string) {
  const { secret, hash } = newSecret('act_');
  const row = await db.transaction().execute(async (trx) => {
    const token = await trx
      .insertInto('api_tokens')
      .values({ user_id: userId, name, token_hash: hash, created_at: now() })
      .returning(['id', 'name', 'created_at'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorId: userId, action: 'api_token.created', entityType: 'api_token', entityId: token.id, changes: { name } });
    return token;
  });
  return { ...row, token: secret };
}

/** The token's user; its use is noted and written within a minute (see auth-cache.ts), not now. */
export async function userForApiToken(db: Db, token: string): Promise<SignedInUser | undefined> {
  const key = `t:${hashSecret(token)}`;
  const cached = cachedSignIn(key);
  if (cached?.tokenId) {
    noteTokenUse(db, cached.tokenId);
    return cached.user;
  }
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['users.id', 'users.email', 'users.name', 'users.role', 'users.must_change_password', 'api_tokens.id as token_id'])
    .where('api_tokens.token_hash', '=', key.slice(2))
    .where('api_tokens.revoked_at', 'is', null)
    .where('users.active', '=', true)
    .executeTakeFirst();
  if (!row) return undefined;
  const { token_id: tokenId, ...user } = row;
  noteTokenUse(db, tokenId);
  rememberSignIn(key, user, { tokenId });
  return user;
}

export async function revokeApiToken(db: Db, userId: string, tokenId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const revoked = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: now() })
      .where('id', '=', tokenId)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .returning('name')
      .executeTakeFirst();
    if (!revoked) throw new AppError('not_found', 'API token not found');
    await announceUserChange(trx, userId);
    await recordAudit(trx, { actorId: userId, action: 'api_token.revoked', entityType: 'api_token', entityId: tokenId, changes: { name: revoked.name } });
  });
}

/** Own tokens that still work, newest first; the secret was shown once at creation and is never stored. */
export async function listApiTokens(db: Db, userId: string) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'created_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}
