import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db-schema.ts';
import { AppError } from '../../platform/errors.ts';

/**
 * The name-based UUID of an external id: the key under which `account_external_ids` records which
 * account holds it (decision 0041), so two holders of one external id collide on a primary key, on
 * Citus too, where accounts.external_id cannot be unique (decision 0028). The demo also gives its
 * generated accounts this id, so its account and key rows share a shard. Migration 0036 computes the
 * same in SQL.
 */
export function accountIdFromExternalId(externalId: string): string {
  const hash = createHash('md5').update(`afterclose account ${externalId}`, 'utf8').digest('hex');
  // A name-based UUID (version 3, RFC 9562 variant), so every client that checks UUIDs accepts it.
  const variant = '89ab'[Number.parseInt(hash.slice(16, 18), 16) % 4];
  const hex = `${hash.slice(0, 12)}3${hash.slice(13, 16)}${variant}${hash.slice(17)}`;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export type ExternalIdHolder = { accountId: string; externalId: string };

/** The accounts that hold these external ids, by external id: one key lookup each (one shard each on Citus). */
export async function accountsByExternalId(trx: Transaction<Database>, externalIds: readonly string[]): Promise<Map<string, string>> {
  if (externalIds.length === 0) return new Map();
  const { rows } = await sql<{ external_id: string; account_id: string }>`
    select external_id, account_id from account_external_ids
    where key = any(${externalIds.map(accountIdFromExternalId)}::uuid[])`.execute(trx);
  return new Map(rows.map((r) => [r.external_id, r.account_id]));
}

/**
 * Records that these accounts hold these external ids, unless another account holds one already
 * (or takes it in a concurrent transaction, which this waits for). Returns the external ids claimed;
 * the caller decides what a lost claim means (an import updates the holder, a person gets a 409).
 */
export async function claimExternalIds(trx: Transaction<Database>, holders: readonly ExternalIdHolder[]): Promise<Set<string>> {
  if (holders.length === 0) return new Set();
  const { rows } = await sql<{ external_id: string }>`
    insert into account_external_ids (key, external_id, account_id)
    select * from unnest(${holders.map((h) => accountIdFromExternalId(h.externalId))}::uuid[], ${holders.map((h) => h.externalId)}::text[],
      ${holders.map((h) => h.accountId)}::uuid[])
    on conflict (key) do nothing
    returning external_id`.execute(trx);
  return new Set(rows.map((r) => r.external_id));
}

/** Claims one external id for one account, or refuses with a 409 naming the field. */
export async function claimExternalId(trx: Transaction<Database>, holder: ExternalIdHolder): Promise<void> {
  const claimed = await claimExternalIds(trx, [holder]);
  if (!claimed.has(holder.externalId)) {
    throw new AppError('conflict', `Another account already has the external id ${holder.externalId}`, 'external_id');
  }
}

/** Frees an external id the account gave up (changed, cleared or deleted with it), so another may take it. */
export async function releaseExternalId(trx: Transaction<Database>, holder: ExternalIdHolder): Promise<void> {
  await trx.deleteFrom('account_external_ids')
    .where('key', '=', accountIdFromExternalId(holder.externalId))
    .where('account_id', '=', holder.accountId)
    .execute();
}
