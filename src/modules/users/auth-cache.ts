import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db-schema.ts';
import { now } from '../../platform/clock.ts';
import type { Db, Listen } from '../../platform/db.ts';
import type { SignedInUser } from '../../platform/http.ts';

/**
 * Who a session cookie or API token belongs to, remembered for a few seconds, so a read costs no
 * authentication query. The lifetime is the promise: a signed-out session, a revoked token, a role
 * change or a deactivation is honoured by every process within `authCacheLifetimeMs`, and at once
 * in practice, because the change is announced with NOTIFY (`announceUserChange`) and every API
 * process LISTENs (`listenForUserChanges`). Keys are secret hashes and values carry their user's
 * id, so one map serves every database a process opens (the tests open many).
 */
export const authCacheLifetimeMs = 5_000;
export const userChangeChannel = 'afterclose_auth';

type Entry = { user: SignedInUser; until: number; tokenId?: string | undefined };
const entries = new Map<string, Entry>();
// While a process cannot hear announcements (its LISTEN connection is down), it caches nothing.
let deafListeners = 0;

export function cachedSignIn(key: string): Entry | undefined {
  const entry = entries.get(key);
  if (!entry) return undefined;
  if (entry.until <= Date.now() || deafListeners > 0) {
    entries.delete(key);
    return undefined;
  }
  return entry;
}

/** Remembers a signed-in user (and the token they used); never past the session's own expiry. */
export function rememberSignIn(key: string, user: SignedInUser, { expiresAt, tokenId }: { expiresAt?: Date; tokenId?: string } = {}): void {
  if (deafListeners > 0) return;
  // An attacker guessing secrets must not grow the map: only real sign-ins are stored, and the
  // map is swept of stale entries as it grows.
  if (entries.size > 10_000) sweep();
  entries.set(key, { user, tokenId, until: Math.min(Date.now() + authCacheLifetimeMs, expiresAt?.getTime() ?? Number.POSITIVE_INFINITY) });
}

export function forgetKey(key: string): void {
  entries.delete(key);
}

/** Drops every cached session and token of one user, in this process. */
export function forgetUser(userId: string): void {
  for (const [key, entry] of entries) if (entry.user.id === userId) entries.delete(key);
}

function sweep(): void {
  const at = Date.now();
  for (const [key, entry] of entries) if (entry.until <= at) entries.delete(key);
}

/**
 * Forgets the user here and tells the other processes, inside the transaction that changes them:
 * PostgreSQL delivers the notification at commit, so no process hears of a change that rolled back.
 */
export async function announceUserChange(trx: Kysely<Database>, userId: string): Promise<void> {
  forgetUser(userId);
  await sql`select pg_notify(${userChangeChannel}, ${userId})`.execute(trx);
}

/**
 * Keeps this process's cache honest across processes: an announced user is forgotten as soon as
 * the commit's notification arrives (our own too, which closes the gap between forgetting and
 * committing). While the connection is lost, nothing is cached.
 */
export function listenForUserChanges(listen: Listen): Promise<() => Promise<void>> {
  let deaf = false;
  const setDeaf = (value: boolean) => {
    if (deaf === value) return;
    deaf = value;
    deafListeners += value ? 1 : -1;
    if (value) entries.clear();
  };
  return listen(userChangeChannel, {
    onMessage: (userId) => forgetUser(userId),
    onLost: () => setDeaf(true),
    onBack: () => setDeaf(false),
  }).then((stop) => async () => {
    setDeaf(false);
    await stop();
  });
}

// Token use is written at most once a minute per process, never on the request's path: a read
// must not take a row lock that fifty concurrent requests with one token would queue on.
const tokenUseFlushMs = 60_000;
const usedTokens = new Map<Db, Set<string>>();

export function noteTokenUse(db: Db, tokenId: string): void {
  let used = usedTokens.get(db);
  if (!used) {
    used = new Set();
    usedTokens.set(db, used);
  }
  used.add(tokenId);
}

/** Writes `last_used_at` of the tokens used since the last flush, in one statement. */
export async function flushTokenUse(db: Db): Promise<void> {
  const used = usedTokens.get(db);
  if (!used || used.size === 0) return;
  const ids = [...used];
  used.clear();
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: now() })
    .where('id', 'in', ids)
    .execute();
}

/** Flushes token use every minute until stopped; the returned function flushes a last time. */
export function startTokenUseFlush(db: Db, onError: (error: unknown) => void): () => Promise<void> {
  const timer = setInterval(() => flushTokenUse(db).catch(onError), tokenUseFlushMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await flushTokenUse(db).catch(onError);
    usedTokens.delete(db);
  };
}
