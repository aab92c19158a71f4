import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import { accountsByExternalId, claimExternalIds, refreshAccountSearch } from '../accounts/index.ts';
import { assignedUser } from './assigned-owners.ts';
import { existingKeys, type KindImporter, textArrayLiteral } from './import-kind.ts';
import { cell, reasonOf } from './values.ts';

const accountRow = z.object({
  external_id: cell.text(100),
  name: cell.text(200),
  kind: cell.choice(['company', 'person'], 'kind must be company or person').optional(),
  lifecycle: cell.choice(['prospect', 'customer', 'lost'], 'lifecycle must be prospect, customer or lost').optional(),
  owner_email: cell.email.optional(),
  service_owner_email: cell.email.optional(),
  tags: cell.list.optional(),
  interests: cell.list.optional(),
});
type AccountRow = z.infer<typeof accountRow> & { owner_id: string | null; service_owner_id: string | null };

/**
 * Accounts keyed by external_id: a new one is inserted, a changed one updated (the import as a whole
 * records import.completed). A new account without owner_email or service_owner_email gets one by
 * the documented rule in assigned-owners.ts; an update never takes an owner away.
 */
export const accountImporter: KindImporter<AccountRow> = {
  parse([row], { usersByEmail }) {
    const parsed = accountRow.safeParse(row?.record);
    if (!parsed.success) return { reason: reasonOf(parsed.error) };
    const { owner_email, service_owner_email } = parsed.data;
    const owner_id = owner_email ? usersByEmail.get(owner_email) : null;
    if (owner_id === undefined) return { reason: `owner_email: no active user ${owner_email}` };
    const service_owner_id = service_owner_email ? usersByEmail.get(service_owner_email) : null;
    if (service_owner_id === undefined) return { reason: `service_owner_email: no active user ${service_owner_email}` };
    return { value: { ...parsed.data, owner_id, service_owner_id }, key: parsed.data.external_id };
  },
  async write({ trx, at }, units) {
    const v = units.map((u) => u.value);
    const list = (pick: (a: AccountRow) => string[] | undefined) => v.map((a) => { const l = pick(a); return l ? textArrayLiteral(l) : null; });
    // An external id another account holds is an update of that account; the others get new ids,
    // claimed before the insert, so a concurrent import of the same external id waits for this one
    // and updates the account it created instead of making a second (decision 0041).
    const held = await accountsByExternalId(trx, v.map((a) => a.external_id));
    const fresh = new Map(v.filter((a) => !held.has(a.external_id)).map((a) => [a.external_id, randomUUID()]));
    const claimed = await claimExternalIds(trx, [...fresh].map(([externalId, accountId]) => ({ accountId, externalId })));
    const input = sql`select * from unnest(${v.map((a) => a.external_id)}::text[], ${v.map((a) => a.name)}::text[], ${v.map((a) => a.kind ?? null)}::text[],
      ${v.map((a) => a.lifecycle ?? null)}::text[], ${v.map((a) => a.owner_id)}::uuid[], ${v.map((a) => a.service_owner_id)}::uuid[],
      ${list((a) => a.tags)}::text[], ${list((a) => a.interests)}::text[], ${v.map((a) => fresh.get(a.external_id) ?? null)}::uuid[])
      as u(external_id, name, kind, lifecycle, owner_id, service_owner_id, tags, interests, id)`;
    const { rows: inserted } = await sql<{ id: string; external_id: string }>`
      insert into accounts (id, external_id, name, kind, lifecycle, owner_id, service_owner_id, tags, interests, created_at, updated_at)
      select i.id, external_id, name, coalesce(kind, 'company'), coalesce(lifecycle, 'prospect'),
        coalesce(owner_id, ${assignedUser('sales', sql`i.external_id`)}), coalesce(service_owner_id, ${assignedUser('service', sql`i.external_id`)}),
        coalesce(tags::text[], '{}'), coalesce(interests::text[], '{}'), ${at}, ${at}
      from (${input}) i
      where i.external_id = any(${[...claimed]}::text[])
      returning id, external_id`.execute(trx);
    await refreshAccountSearch(trx, inserted.map((r) => r.id));
    const existing = existingKeys(units, inserted.map((r) => r.external_id));
    if (existing.length === 0) return { inserted: inserted.length, updated: 0, skipped: 0, failures: [] };
    // The input is gathered first (on Citus, once on the coordinator) with its arrays already typed:
    // Citus refuses a cast inside coalesce() of an UPDATE, as it cannot evaluate it per shard.
    const { rows: updated } = await sql<{ id: string }>`
      with i as materialized (
        select external_id, name, kind, lifecycle, owner_id, service_owner_id, tags::text[] as tags, interests::text[] as interests
        from (${input}) u where external_id = any(${existing}::text[]))
      update accounts a set name = i.name, kind = coalesce(i.kind, a.kind), lifecycle = coalesce(i.lifecycle, a.lifecycle),
        owner_id = coalesce(i.owner_id, a.owner_id), service_owner_id = coalesce(i.service_owner_id, a.service_owner_id),
        tags = coalesce(i.tags, a.tags), interests = coalesce(i.interests, a.interests), updated_at = ${at}
      from i
      where a.external_id = i.external_id
        and (a.name, a.kind, a.lifecycle, a.owner_id, a.service_owner_id, a.tags, a.interests) is distinct from
          (i.name, coalesce(i.kind, a.kind), coalesce(i.lifecycle, a.lifecycle), coalesce(i.owner_id, a.owner_id),
           coalesce(i.service_owner_id, a.service_owner_id), coalesce(i.tags, a.tags), coalesce(i.interests, a.interests))
      returning a.id`.execute(trx);
    await refreshAccountSearch(trx, updated.map((r) => r.id));
    return { inserted: inserted.length, updated: updated.length, skipped: existing.length - updated.length, failures: [] };
  },
};
