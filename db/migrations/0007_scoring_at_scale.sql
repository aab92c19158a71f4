-- Scoring reads every account's orders and last done touch, a chunk of accounts at a time. Orders
-- arrive over the years, so one account's rows lie scattered over the whole table; with these two
-- covering indexes a chunk is read from the index alone (an index-only scan), not from thousands of
-- heap pages (docs/decisions/0009-scoring-at-scale.md).
create index orders_scoring_idx on orders (account_id, placed_at) include (total) where status <> 'cancelled';
create index touches_done_idx on touches (account_id, done_at) where status = 'done';

-- A foreign-key check locks the row it points at: writing a million scores locked (and so wrote to)
-- a million accounts and took five times as long as the insert itself. Scores are derived data
-- that the scoring run writes only for accounts it has just read, so the keys go; deleting an
-- account still deletes its scores, by trigger. A run is never deleted, so run_id needs nothing.
alter table account_scores drop constraint account_scores_account_id_fkey;
alter table account_scores drop constraint account_scores_run_id_fkey;

create function delete_account_scores() returns trigger language plpgsql as $$
begin
  delete from account_scores s using deleted_accounts d where s.account_id = d.id;
  return null;
end $$;

create trigger accounts_delete_scores after delete on accounts
  referencing old table as deleted_accounts for each statement execute function delete_account_scores();
