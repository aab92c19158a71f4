import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../../platform/http.ts';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { appSecret } from './app-secret.ts';
import type { MailLinks } from '../../platform/links.ts';
import { signToken, verifyToken } from './signed-tokens.ts';

/** A link for a customer to act without signing in (answer a survey, recommend someone). */
export type PublicLink = { accountId: string; id: string; url: string; tokenHash: string; expiresAt: Date };

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Mints a link before anything is stored, so the email can be written first: the token is signed
 * (a forged one is refused without a database lookup) and names the row by account and id, and only
 * its hash is stored with that row, so the database alone cannot produce a working link.
 */
export function preparePublicLink(purpose: 'survey' | 'referral', accountId: string, expiresAt: Date, links: MailLinks): PublicLink {
  const id = randomUUID();
  const token = signToken(links.secret, { purpose, subject: `${accountId}.${id}`, expiresAt: expiresAt.getTime() });
  const path = purpose === 'survey' ? 's' : 'r';
  return { accountId, id, url: `${links.publicUrl.replace(/\/$/, '')}/${path}/${token}`, tokenHash: hashToken(token), expiresAt };
}

export type LinkCheck = { ok: true; accountId: string; id: string } | { ok: false; reason: 'invalid' | 'expired' };

export async function readPublicLink(db: Db, purpose: 'survey' | 'referral', token: string): Promise<LinkCheck> {
  const check = verifyToken(await appSecret(db), token, purpose, now().getTime());
  if (!check.ok) return check;
  const [accountId, id] = check.subject.split('.');
  if (!accountId || !id) return { ok: false, reason: 'invalid' };
  return { ok: true, accountId, id };
}

/** The row's stored hash must match the token presented, compared in constant time. */
export function tokenMatches(token: string, storedHash: string): boolean {
  const given = Buffer.from(hashToken(token));
  const stored = Buffer.from(storedHash);
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** Links in emails sent on behalf of an API request point at PUBLIC_URL, like the worker's. */
export async function requestLinks({ db, env }: AppContext): Promise<MailLinks> {
  return { publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`, secret: await appSecret(db) };
}
