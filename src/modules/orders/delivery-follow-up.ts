import { sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db-schema.ts';

/** What a delivered first order asks for (decision 0024): the product's guide, else a call for a key account. */
export type DeliveryFollowUp =
  | { kind: 'guide'; number: string; signed_by: string; product_name: string; getting_started_url: string }
  | { kind: 'key_account_call'; number: string; signed_by: string };

type Row = { number: string; signed_by: string; first: boolean; product_name: string | null; getting_started_url: string | null; key_account: boolean };

/**
 * The follow-up a delivered order deserves, or null. Only a customer's first order gets one: the
 * first order of an account is the earliest it placed that was not cancelled. A key account is one
 * tagged "key account" (any spelling with a space, - or _) or one promised faster shipping than the
 * company's default — the two ways people mark one today.
 */
export async function deliveryFollowUpOf(trx: Transaction<Database>, accountId: string, orderId: string): Promise<DeliveryFollowUp | null> {
  const { rows } = await sql<Row>`
    select o.number, coalesce(su.name, ou.name, 'Customer service') as signed_by,
      not exists (select 1 from orders p where p.account_id = o.account_id and p.id <> o.id and p.status <> 'cancelled'
        and (p.placed_at, p.id) < (o.placed_at, o.id)) as first,
      g.name as product_name, g.getting_started_url,
      (exists (select 1 from unnest(a.tags) t where regexp_replace(lower(t), '[ _]', '-', 'g') = 'key-account')
        or coalesce(ap.working_days < s.promise_working_days, false)) as key_account
    from orders o
      join accounts a on a.id = o.account_id
      cross join fulfilment_settings s
      left join users su on su.id = a.service_owner_id
      left join users ou on ou.id = a.owner_id
      left join account_fulfilment_promises ap on ap.account_id = o.account_id
      left join lateral (
        select pr.name, pr.getting_started_url from order_lines l join products pr on pr.id = l.product_id
        where l.account_id = o.account_id and l.order_id = o.id and pr.getting_started_url is not null
        order by l.position limit 1) g on true
    where o.account_id = ${accountId} and o.id = ${orderId}`.execute(trx);
  const row = rows[0];
  if (!row?.first) return null;
  if (row.product_name !== null && row.getting_started_url !== null) {
    return { kind: 'guide', number: row.number, signed_by: row.signed_by, product_name: row.product_name, getting_started_url: row.getting_started_url };
  }
  return row.key_account ? { kind: 'key_account_call', number: row.number, signed_by: row.signed_by } : null;
}
