import { type RawBuilder, sql } from 'kysely';

/**
 * The id of a new account that another system names (its external_id): derived from that name, so
 * two imports or webhooks creating the same customer at once collide on the primary key. On Citus
 * the primary key is the only unique key accounts can have (decision 0028); on one server the
 * unique index on external_id says the same.
 */
export function accountIdFromExternalId(externalId: RawBuilder<string> | string): RawBuilder<string> {
  const hash = sql<string>`md5('afterclose account ' || ${externalId}::text)`;
  // A name-based UUID (version 3, RFC 9562 variant), so every client that checks UUIDs accepts it.
  return sql<string>`overlay(overlay(${hash} placing '3' from 13) placing substr('89ab', get_byte(decode(substr(${hash}, 17, 2), 'hex'), 0) % 4 + 1, 1) from 17)::uuid`;
}
