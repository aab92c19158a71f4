import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { findNulCharacter } from '../../platform/input-limits.ts';
import { type ExternalOrderResult, saveExternalOrder } from '../imports/index.ts';
import { afterclosePayload, orderFromAfterclose, orderFromShopify, shopifyPayload } from './inbound.schema.ts';
import { verifyShopifySignature, verifySignedPayload } from './signatures.ts';

export type IntegrationFormat = 'afterclose' | 'shopify';

/** A new integration; its secret is shown once, here, and checks every request it signs. */
export async function createIntegration(db: Db, input: { name: string; format: IntegrationFormat }, actorId: string) {
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  const row = await db
    .insertInto('inbound_integrations')
    .values({ name: input.name, format: input.format, secret, created_by: actorId, created_at: now() })
    .returning(['id', 'name', 'format', 'created_at'])
    .executeTakeFirstOrThrow();
  return { ...row, secret, url: `/api/v1/webhooks/orders?integration=${row.id}` };
}

export async function listIntegrations(db: Db) {
  const items = await db.selectFrom('inbound_integrations').select(['id', 'name', 'format', 'created_at', 'revoked_at']).orderBy('created_at', 'desc').execute();
  return { items };
}

export async function revokeIntegration(db: Db, id: string): Promise<void> {
  const result = await db.updateTable('inbound_integrations').set({ revoked_at: now() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw notFound('Integration');
}

export type SignedRequest = { integrationId: string | undefined; body: Buffer; headers: Record<string, string | string[] | undefined> };

function parseJson<T extends z.ZodType>(schema: T, body: Buffer): z.infer<T> {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new AppError('invalid_input', 'The body is not JSON', 'body');
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) {
    // The raw body skips the NUL check every other route gets (src/api/refuse-nul.ts): same rule here.
    const nul = findNulCharacter(parsed.data);
    if (nul !== null) throw new AppError('invalid_input', `${nul || 'body'}: must not contain a NUL character (U+0000)`, nul || 'body');
    return parsed.data;
  }
  const issue = parsed.error.issues[0];
  throw new AppError('invalid_input', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`, issue?.path.join('.') || 'body');
}

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * An order pushed by an integration. The signature is checked over the raw bytes before anything
 * is parsed, and a request that fails it stores nothing. The same order sent again is found by
 * its number and id and changes nothing (or follows a new status).
 */
export async function receiveOrderWebhook(db: Db, request: SignedRequest): Promise<ExternalOrderResult> {
  const integration = request.integrationId && /^[0-9a-f-]{36}$/i.test(request.integrationId)
    ? await db.selectFrom('inbound_integrations').select(['format', 'secret']).where('id', '=', request.integrationId).where('revoked_at', 'is', null).executeTakeFirst()
    : undefined;
  // One answer for an unknown integration and a wrong signature: nothing to learn by probing.
  const refused = new AppError('unauthorized', 'Invalid webhook signature');
  if (!integration) throw refused;
  if (integration.format === 'shopify') {
    if (!verifyShopifySignature(integration.secret, header(request.headers['x-shopify-hmac-sha256']), request.body)) throw refused;
    const order = orderFromShopify(parseJson(shopifyPayload, request.body));
    if (!order.customer_email) throw new AppError('unprocessable', 'The order has no customer email to find the account by', 'email');
    return saveExternalOrder(db, order);
  }
  if (!verifySignedPayload(integration.secret, header(request.headers['x-afterclose-signature']), request.body, Math.floor(now().getTime() / 1000))) throw refused;
  return saveExternalOrder(db, orderFromAfterclose(parseJson(afterclosePayload, request.body)));
}
