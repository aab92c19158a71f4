-- Which account holds each external id (docs/decisions/0041-account-external-ids.md). On Citus the
-- unique index on accounts.external_id cannot exist (it lacks the distribution column), and the id
-- derived from the external id only guarded accounts created from it: an external id given or
-- changed later was not guarded, so a second account could take it. This table is the guard on every
-- database: its primary key is the name-based UUID of the external id, so it is distributed by that
-- key on Citus and a second holder of the same external id collides, whichever node it lands on.
-- Written only by the accounts module, in the transaction that sets or changes the external id.
create table account_external_ids (
  key uuid primary key,
  external_id text not null,
  account_id uuid not null
);

-- The key is accountIdFromExternalId (src/modules/accounts/external-ids.ts) in SQL: md5 of the
-- name, version nibble 3, RFC 9562 variant. If two accounts already share an external id (possible
-- on Citus before this table), the older one keeps it.
insert into account_external_ids (key, external_id, account_id)
select distinct on (key) key, external_id, id
from (
  select external_id, id, created_at,
    (substr(h, 1, 12) || '3' || substr(h, 14, 3) || substr('89ab', (('x' || substr(h, 17, 2))::bit(8)::int % 4) + 1, 1) || substr(h, 18))::uuid as key
  from (select external_id, id, created_at, md5('afterclose account ' || external_id) as h from accounts where external_id is not null) a
) k
order by key, created_at, id;
