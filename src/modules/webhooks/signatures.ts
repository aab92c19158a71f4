import { createHmac, timingSafeEqual } from 'node:crypto';

/** Requests older or newer than this are refused, so a captured request cannot be replayed later. */
export const signatureToleranceSeconds = 300;

const hmacHex = (secret: string, text: string | Buffer) => createHmac('sha256', secret).update(text).digest('hex');

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`: the header of our webhooks both ways. */
export function signPayload(secret: string, body: string, atSeconds: number): string {
  return `t=${atSeconds},v1=${hmacHex(secret, `${atSeconds}.${body}`)}`;
}

export function verifySignedPayload(secret: string, header: string | undefined, body: Buffer, nowSeconds: number): boolean {
  const parts = new Map((header ?? '').split(',').map((part) => part.split('=', 2) as [string, string]));
  const at = Number(parts.get('t'));
  const mac = parts.get('v1');
  if (!Number.isInteger(at) || !mac || Math.abs(nowSeconds - at) > signatureToleranceSeconds) return false;
  return sameText(hmacHex(secret, Buffer.concat([Buffer.from(`${at}.`), body])), mac);
}

/** Shopify signs the raw body with the app's secret, base64, in X-Shopify-Hmac-Sha256. */
export function verifyShopifySignature(secret: string, header: string | undefined, body: Buffer): boolean {
  if (!header) return false;
  return sameText(createHmac('sha256', secret).update(body).digest('base64'), header);
}
