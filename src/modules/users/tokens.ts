import { createHash, randomBytes } from 'node:crypto';

/** Secrets are handed out once and stored only as a SHA-256 hash, so a database leak reveals none. */
export function newSecret(prefix: string): { secret: string; hash: string } {
  const secret = `${prefix}${randomBytes(32).toString('base64url')}`;
  return { secret, hash: hashSecret(secret) };
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
