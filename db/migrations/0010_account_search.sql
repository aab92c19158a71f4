-- Account search (issue 10, defect 9): the box says "Name, email, tag…", so it matches account
-- names and tags, contact names, emails and phones, and order numbers, anywhere in the text.
-- Trigram indexes answer ILIKE '%…%' from the index; pg_trgm ships with PostgreSQL's contrib and
-- with PGlite (loaded in src/platform/db.ts). A server without it still searches, by scanning.

-- Tags as one text, so one trigram index covers them; array_to_string is only stable because of
-- other element types, for text[] it is immutable.
create function account_tags_text(tags text[]) returns text
  language sql immutable parallel safe
  as $$ select array_to_string(tags, ' ') $$;

-- Phones are written "+49 30 123 4567" or "030/1234567": search compares digits only.
create function phone_digits(phone text) returns text
  language sql immutable parallel safe
  as $$ select regexp_replace(phone, '[^0-9]', '', 'g') $$;

do $$
begin
  if exists (select 1 from pg_available_extensions where name = 'pg_trgm') then
    create extension if not exists pg_trgm;
    create index accounts_name_trgm_idx on accounts using gin (name gin_trgm_ops);
    create index accounts_tags_trgm_idx on accounts using gin (account_tags_text(tags) gin_trgm_ops);
    create index contacts_search_trgm_idx on contacts using gin (name gin_trgm_ops, email gin_trgm_ops);
    create index contacts_phone_trgm_idx on contacts using gin (phone_digits(phone) gin_trgm_ops) where phone is not null;
    create index orders_number_trgm_idx on orders using gin (number gin_trgm_ops);
  else
    -- Without trigrams, whole emails and order numbers are still found from an index.
    create index contacts_email_search_idx on contacts (lower(email));
    create index orders_number_search_idx on orders (number);
  end if;
end $$;
