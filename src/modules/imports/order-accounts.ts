import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { accountsByExternalId, claimExternalIds } from '../accounts/index.ts';
import { assignedUser } from './assigned-owners.ts';
import type { Database } from '../../platform/db-schema.ts';

export type OrderCustomer = { account_external_id?: string | undefined; customer_email?: string | undefined; customer_name?: string | undefined; company?: string | undefined };

/** The key under which a customer's account is found or created in one batch. */
export const customerKey = (c: OrderCustomer) => (c.account_external_id ? `x:${c.account_external_id}` : `e:${c.customer_email ?? ''}`);

/**
 * Finds the account of each order: by the account's external id, else by a contact's email. A
 * customer a shop export names only by email gets an account and a contact, so that the shop's
 * history can be imported before anything else; re-importing finds them by that email again.
 * Returns account ids by customerKey; a customer named only by an unknown external id is missing,
 * unless `createUnknown` (a shop export imported without its customer list first) makes it an account.
 */
export async function resolveOrderAccounts(trx: Transaction<Database>, customers: OrderCustomer[], at: Date, createUnknown = false): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const externalIds = [...new Set(customers.flatMap((c) => (c.account_external_id ? [c.account_external_id] : [])))];
  for (const [externalId, accountId] of await accountsByExternalId(trx, externalIds)) found.set(`x:${externalId}`, accountId);
  const emails = [...new Set(customers.filter((c) => !found.has(customerKey(c)) && c.customer_email).map((c) => c.customer_email ?? ''))];
  const byEmail = new Map<string, string>();
  if (emails.length > 0) {
    const { rows } = await sql<{ email: string; account_id: string }>`
      select distinct on (lower(email)) lower(email) as email, account_id from contacts
      where lower(email) = any(${emails}::text[]) order by lower(email), created_at, id`.execute(trx);
    for (const r of rows) byEmail.set(r.email, r.account_id);
  }
  const toCreate = new Map<string, OrderCustomer>();
  for (const c of customers) {
    const key = customerKey(c);
    if (found.has(key)) continue;
    if (!c.customer_email) {
      if (createUnknown && c.account_external_id && !toCreate.has(key)) toCreate.set(key, c);
      continue;
    }
    const existing = byEmail.get(c.customer_email);
    if (existing) found.set(key, existing);
    else if (!toCreate.has(key)) toCreate.set(key, c);
  }
  const wanted = [...toCreate.entries()].map(([key, c]) => ({ key, c, id: randomUUID() }));
  // External ids are claimed before the accounts are written: one that a concurrent import or
  // webhook claimed first (this waited for it) belongs to that account (decision 0041).
  const claimed = await claimExternalIds(trx, wanted.flatMap((w) => (w.c.account_external_id ? [{ accountId: w.id, externalId: w.c.account_external_id }] : [])));
  const lost = wanted.flatMap((w) => (w.c.account_external_id && !claimed.has(w.c.account_external_id) ? [w.c.account_external_id] : []));
  for (const [externalId, accountId] of await accountsByExternalId(trx, lost)) found.set(`x:${externalId}`, accountId);
  const fresh = wanted.filter((w) => !found.has(w.key));
  if (fresh.length === 0) return found;
  // Owners picked first, in a statement of their own: Citus plans no subquery inside INSERT … VALUES.
  const ownerKeys = fresh.map(({ c }) => c.account_external_id ?? c.customer_email ?? '');
  const { rows: owners } = await sql<{ sales: string | null; service: string | null }>`
    select ${assignedUser('sales', sql`k.key`)} as sales, ${assignedUser('service', sql`k.key`)} as service
    from unnest(${ownerKeys}::text[]) with ordinality as k(key, n) order by k.n`.execute(trx);
  // Ids chosen before the insert: on Citus a multi-row insert returns its rows shard by shard, not
  // in the order of its values, so an id matched back by position would go to another customer.
  await trx
    .insertInto('accounts')
    .values(fresh.map(({ c, id }, i) => ({
      id,
      external_id: c.account_external_id ?? null,
      name: c.company ?? c.customer_name ?? c.customer_email ?? c.account_external_id ?? '',
      kind: c.company ? ('company' as const) : ('person' as const),
      owner_id: owners[i]?.sales ?? null,
      service_owner_id: owners[i]?.service ?? null,
      created_at: at,
      updated_at: at,
    })))
    .execute();
  for (const { key, id } of fresh) found.set(key, id);
  const contacts = fresh.flatMap(({ c, id }) =>
    c.customer_email ? [{ account_id: id, name: c.customer_name ?? c.customer_email, email: c.customer_email, created_at: at }] : [],
  );
  if (contacts.length > 0) await trx.insertInto('contacts').values(contacts).execute();
  return found;
}
