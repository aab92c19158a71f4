-- One schema for a single server and for Citus (docs/decisions/0028-citus.md). Citus distributes the
-- account-scoped tables by account; what it refuses is changed here, on every database, so that CI
-- on PGlite and PostgreSQL proves the same rules the cluster runs under.

-- 1. No triggers on account-scoped tables. On Citus a trigger fires on a worker, inside one shard,
-- where it can neither read a transition table nor reach another table without a nested
-- distributed query (which crashed the workers when tried). The search document, a deal's next
-- step and the scores of a deleted account are now kept current by the statement's own
-- transaction, in the application (the functions below are called by the modules that write).
drop trigger accounts_delete_scores on accounts;
drop function delete_account_scores();
drop trigger account_search_insert on accounts;
drop trigger account_search_update on accounts;
drop trigger account_search_insert on contacts;
drop trigger account_search_delete on contacts;
drop trigger account_search_update on contacts;
drop trigger account_search_insert on orders;
drop trigger account_search_delete on orders;
drop trigger account_search_update on orders;
drop function account_search_after_insert();
drop function account_search_after_child_insert();
drop function account_search_after_child_delete();
drop function account_search_after_update();
drop trigger deal_steps_insert on touches;
drop trigger deal_steps_delete on touches;
drop trigger deal_steps_update on touches;
drop function deal_steps_after_insert();
drop function deal_steps_after_delete();
drop function deal_steps_after_update();

-- PL/pgSQL rather than SQL functions: Citus cannot plan a SQL function's parameters, and it prunes
-- shards from `id = any(ids)` (one account's ids reach one shard), not from a join with unnest().
drop function refresh_account_search(uuid[]);
create function refresh_account_search(ids uuid[]) returns void language plpgsql volatile as $$
begin
  insert into account_search (account_id, name_key, document, phones)
  select a.id, lower(a.name),
    lower(concat_ws(E'\n', a.name, nullif(account_tags_text(a.tags), ''), c.fields, o.numbers)),
    coalesce(c.phones, '')
  from accounts a
  left join lateral (
    select string_agg(concat_ws(E'\n', name, email), E'\n') as fields,
      string_agg(phone_digits(phone), E'\n') filter (where phone is not null) as phones
    from contacts where contacts.account_id = a.id
  ) c on true
  left join lateral (
    select string_agg(number, E'\n') as numbers from orders where orders.account_id = a.id
  ) o on true
  where a.id = any(ids)
  on conflict (account_id) do update set name_key = excluded.name_key, document = excluded.document, phones = excluded.phones;
end $$;

drop function refresh_deal_steps(uuid[], uuid[]);
create function refresh_deal_steps(account_ids uuid[], deal_ids uuid[]) returns void language plpgsql volatile as $$
begin
  -- One statement per account: on Citus each is a single-shard update with its subqueries.
  for i in 1 .. coalesce(array_length(account_ids, 1), 0) loop
    continue when deal_ids[i] is null;
    update deals d set
      next_step_at = (select min(t.due_at) from touches t
        where t.account_id = d.account_id and t.deal_id = d.id and t.status = 'planned'),
      last_activity_at = (select max(t.done_at) from touches t
        where t.account_id = d.account_id and t.deal_id = d.id and t.status = 'done')
    where d.account_id = account_ids[i] and d.id = deal_ids[i];
  end loop;
end $$;

-- 2. Citus refuses ON DELETE SET NULL on a key that includes the distribution column (it would
-- null account_id too). These references are kept, and the contact, deal or touch is unlinked by
-- the service that deletes it, in the same transaction.
alter table touches drop constraint touches_account_id_contact_id_fkey,
  add constraint touches_account_id_contact_id_fkey foreign key (account_id, contact_id) references contacts (account_id, id);
alter table issues drop constraint issues_account_id_contact_id_fkey,
  add constraint issues_account_id_contact_id_fkey foreign key (account_id, contact_id) references contacts (account_id, id);
alter table survey_invites drop constraint survey_invites_account_id_contact_id_fkey,
  add constraint survey_invites_account_id_contact_id_fkey foreign key (account_id, contact_id) references contacts (account_id, id);
alter table survey_invites drop constraint survey_invites_account_id_touch_id_fkey,
  add constraint survey_invites_account_id_touch_id_fkey foreign key (account_id, touch_id) references touches (account_id, id);
alter table survey_invites drop constraint survey_invites_account_id_issue_id_fkey,
  add constraint survey_invites_account_id_issue_id_fkey foreign key (account_id, issue_id) references issues (account_id, id);
alter table referral_links drop constraint referral_links_account_id_contact_id_fkey,
  add constraint referral_links_account_id_contact_id_fkey foreign key (account_id, contact_id) references contacts (account_id, id);
alter table referral_links drop constraint referral_links_account_id_touch_id_fkey,
  add constraint referral_links_account_id_touch_id_fkey foreign key (account_id, touch_id) references touches (account_id, id);
alter table referrals drop constraint referrals_account_id_referrer_contact_id_fkey,
  add constraint referrals_account_id_referrer_contact_id_fkey foreign key (account_id, referrer_contact_id) references contacts (account_id, id);

-- 3. References between two accounts cannot be checked by one shard: a referral lives with the
-- referrer, the referred account and its deal may be on another node. Deleting the referred
-- account deletes its referrals, deleting the deal unlinks it, both in the deleting service.
alter table referrals drop constraint referrals_referred_account_id_fkey;
alter table referrals drop constraint referrals_referred_account_id_deal_id_fkey;

-- 4. The event log, the outbox and the bell stay on one node (the coordinator on Citus), where
-- the event cursor's transaction order means what it means on a single server. A table there
-- cannot reference a distributed one: deleting an account deletes its rows in the service.
alter table events drop constraint events_account_id_fkey;
alter table messages drop constraint messages_account_id_fkey;
alter table notifications drop constraint notifications_account_id_fkey;
create index notifications_account_idx on notifications (account_id) where account_id is not null;

-- What the cascades and SET NULL references above used to do, for the services that delete a
-- contact, a deal or an account (called in their transaction). Rows of one account stay on one
-- shard; only the referrals that name another account reach across.
create function unlink_contact(owner_account_id uuid, removed_contact_id uuid) returns void language plpgsql volatile as $$
begin
  update touches set contact_id = null where account_id = owner_account_id and contact_id = removed_contact_id;
  update issues set contact_id = null where account_id = owner_account_id and contact_id = removed_contact_id;
  update survey_invites set contact_id = null where account_id = owner_account_id and contact_id = removed_contact_id;
  update referral_links set contact_id = null where account_id = owner_account_id and contact_id = removed_contact_id;
  update referrals set referrer_contact_id = null where account_id = owner_account_id and referrer_contact_id = removed_contact_id;
end $$;

-- A deleted deal takes its touches with it (that cascade stays): the invites and referral links
-- sent from those touches, and referrals that led to the deal, keep their rows without the link.
create function unlink_deal(owner_account_id uuid, removed_deal_id uuid) returns void language plpgsql volatile as $$
declare
  deal_touch_ids uuid[] := array(select id from touches where account_id = owner_account_id and deal_id = removed_deal_id);
begin
  update survey_invites set touch_id = null where account_id = owner_account_id and touch_id = any(deal_touch_ids);
  update referral_links set touch_id = null where account_id = owner_account_id and touch_id = any(deal_touch_ids);
  update referrals set deal_id = null where referred_account_id = owner_account_id and deal_id = removed_deal_id;
end $$;

-- Rows about an account that no foreign key can cascade to on Citus: referrals made by other
-- customers (other shards), the event log, outbox and notifications (the coordinator), and the
-- scores, which carry no key so that a scoring run never locks accounts (0007).
create function delete_account_elsewhere(removed_account_id uuid) returns void language plpgsql volatile as $$
begin
  delete from referrals where referred_account_id = removed_account_id;
  delete from account_scores where account_id = removed_account_id;
  delete from notifications where account_id = removed_account_id;
  delete from messages where account_id = removed_account_id;
  delete from events where account_id = removed_account_id;
end $$;
