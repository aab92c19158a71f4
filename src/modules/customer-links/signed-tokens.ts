import { createHmac, timingSafeEqual } from 'node:crypto';

type TokenPayload = { purpose: string; subject: string; expiresAt: number };

function signature(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url');
}

/** An unguessable, tamper-proof link token naming one subject (a contact) for one purpose, with an expiry. */
export function signToken(secret: string, payload: TokenPayload): string {
  const body = Buffer.from(JSON.stringify([payload.purpose, payload.subject, payload.expiresAt])).toString('base64url');
  return `${body}.${signature(secret, body)}`;
}

export type TokenCheck = { ok: true; subject: string } | { ok: false; reason: 'invalid' | 'expired' };

export function verifyToken(secret: string, token: string, purpose: string, nowMs: number): TokenCheck {
  const [body, mac] = token.split('.');
  if (!body || !mac) return { ok: false, reason: 'invalid' };
  const expected = Buffer.from(signature(secret, body));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (!Array.isArray(parsed) || parsed[0] !== purpose || typeof parsed[1] !== 'string' || typeof parsed[2] !== 'number') {
    return { ok: false, reason: 'invalid' };
  }
  if (parsed[2] < nowMs) return { ok: false, reason: 'expired' };
  return { ok: true, subject: parsed[1] };
}
