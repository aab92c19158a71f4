-- Global search (issue 11, point 5): deals by title and issues by title are found anywhere in the
-- text from a trigram index, as accounts, contacts and orders already are (0010_account_search.sql).
-- A server without pg_trgm still searches, by scanning.
do $$
begin
  if exists (select 1 from pg_extension where extname = 'pg_trgm') then
    create index deals_title_trgm_idx on deals using gin (title gin_trgm_ops);
    create index issues_title_trgm_idx on issues using gin (title gin_trgm_ops);
  end if;
end $$;
