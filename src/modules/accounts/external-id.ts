import { createHash } from 'node:crypto';

/**
 * The id of a new account that another system names (its external_id): derived from that name, so
 * two imports, webhooks or demo loads creating the same customer collide on the primary key. On
 * Citus the primary key is the only unique key accounts can have (decision 0028); on one server the
 * unique index on external_id says the same. Computed here, not in SQL, so that bulk loaders that
 * write accounts and their rows in one pass (the demo) know the id before writing.
 */
export function accountIdFromExternalId(externalId: string): string {
  const hash = createHash('md5').update(`afterclose account ${externalId}`, 'utf8').digest('hex');
  // A name-based UUID (version 3, RFC 9562 variant), so every client that checks UUIDs accepts it.
  const variant = '89ab'[Number.parseInt(hash.slice(16, 18), 16) % 4];
  const hex = `${hash.slice(0, 12)}3${hash.slice(13, 16)}${variant}${hash.slice(17)}`;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
