-- Account search from one document per account (issue 10, defect 9; decision 0021). Searching five
-- trigram indexes over accounts, contacts and orders and merging the matches took 650 ms at p99
-- with 100k accounts; one row per account holding everything the box searches is one index read.
-- Triggers keep the row current in the same statement as the write, whoever writes: the API,
-- imports, merges, erasure and the benchmark's bulk loader alike.

create table account_search (
  account_id uuid primary key references accounts (id) on delete cascade,
  -- lower(accounts.name): the account list's sort key, so a page of matches is cut here.
  name_key text not null,
  -- Lowercased, one field a line: account name, tags (space-separated, as account_tags_text),
  -- contact names and emails, order numbers. A line break never appears in a field.
  document text not null,
  -- Contact phones as digits only, one a line: "030 1234" finds "+49 30 1234…".
  phones text not null
);

-- Rewrites the documents of the given accounts; ids of accounts that no longer exist are skipped.
create function refresh_account_search(ids uuid[]) returns void
  language sql volatile
  as $$
    insert into account_search (account_id, name_key, document, phones)
    select a.id, lower(a.name),
      lower(concat_ws(E'\n', a.name, nullif(account_tags_text(a.tags), ''), c.fields, o.numbers)),
      coalesce(c.phones, '')
    from (select distinct id from unnest(ids) as t(id)) wanted
    join accounts a on a.id = wanted.id
    left join lateral (
      select string_agg(concat_ws(E'\n', name, email), E'\n') as fields,
        string_agg(phone_digits(phone), E'\n') filter (where phone is not null) as phones
      from contacts where contacts.account_id = a.id
    ) c on true
    left join lateral (
      select string_agg(number, E'\n') as numbers from orders where orders.account_id = a.id
    ) o on true
    on conflict (account_id) do update set name_key = excluded.name_key, document = excluded.document, phones = excluded.phones
  $$;

-- Inserts and deletes come in bulk (imports, the benchmark loader, cascades): once per statement,
-- from the transition table. Updates are row by row, and only when a searched field changes.
create function account_search_after_insert() returns trigger language plpgsql as $$
begin
  perform refresh_account_search(array(select id from new_rows));
  return null;
end $$;

create function account_search_after_child_insert() returns trigger language plpgsql as $$
begin
  perform refresh_account_search(array(select distinct account_id from new_rows));
  return null;
end $$;

create function account_search_after_child_delete() returns trigger language plpgsql as $$
begin
  perform refresh_account_search(array(select distinct account_id from old_rows));
  return null;
end $$;

create function account_search_after_update() returns trigger language plpgsql as $$
begin
  if tg_table_name = 'accounts' then
    perform refresh_account_search(array[new.id]);
  else
    perform refresh_account_search(array[old.account_id, new.account_id]);
  end if;
  return null;
end $$;

create trigger account_search_insert after insert on accounts
  referencing new table as new_rows for each statement execute function account_search_after_insert();
create trigger account_search_update after update of name, tags on accounts for each row
  when (old.name is distinct from new.name or old.tags is distinct from new.tags)
  execute function account_search_after_update();

create trigger account_search_insert after insert on contacts
  referencing new table as new_rows for each statement execute function account_search_after_child_insert();
create trigger account_search_delete after delete on contacts
  referencing old table as old_rows for each statement execute function account_search_after_child_delete();
create trigger account_search_update after update of account_id, name, email, phone on contacts for each row
  when (old.account_id is distinct from new.account_id or old.name is distinct from new.name
    or old.email is distinct from new.email or old.phone is distinct from new.phone)
  execute function account_search_after_update();

create trigger account_search_insert after insert on orders
  referencing new table as new_rows for each statement execute function account_search_after_child_insert();
create trigger account_search_delete after delete on orders
  referencing old table as old_rows for each statement execute function account_search_after_child_delete();
create trigger account_search_update after update of account_id, number on orders for each row
  when (old.account_id is distinct from new.account_id or old.number is distinct from new.number)
  execute function account_search_after_update();

-- Backfill every existing account.
select refresh_account_search(array(select id from accounts));

-- The per-table search indexes of 0010 are replaced by the document's.
drop index if exists accounts_name_trgm_idx;
drop index if exists accounts_tags_trgm_idx;
drop index if exists contacts_search_trgm_idx;
drop index if exists contacts_phone_trgm_idx;
drop index if exists orders_number_trgm_idx;
drop index if exists contacts_email_search_idx;
drop index if exists orders_number_search_idx;

-- Common searches walk the documents in the list's order (lower(name), id) to the first page.
create index account_search_name_idx on account_search (name_key, account_id);

do $$
begin
  if exists (select 1 from pg_available_extensions where name = 'pg_trgm') then
    create extension if not exists pg_trgm;
    create index account_search_document_trgm_idx on account_search using gin (document gin_trgm_ops);
    create index account_search_phones_trgm_idx on account_search using gin (phones gin_trgm_ops);
  end if;
end $$;
