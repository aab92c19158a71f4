-- A scoring run wrote its ~800k rows a night at 1M accounts into one table with two indexes, row by
-- row through both (7.8 s), and deleted day 61 the same way (6.5 s, and as many dead rows for
-- vacuum). Each as-of date is now a partition of its own (decision 0048): a run fills a new table
-- without indexes, builds them once (3.3 s in all), and swaps it in for its date in one
-- transaction; a date past the retention is a dropped table. Readers see a date's old scores until
-- the swap and its new ones after, never a mix.
-- Built beside the old table and renamed once that is gone: on Citus, renaming the distributed
-- table inside this multi-statement migration would be sent to the workers as the whole script.
create table account_scores_by_date (like account_scores including defaults including constraints)
  partition by list (as_of);

-- One partition per date already scored, named by its date as the scoring run names them.
do $$
declare
  scored date;
begin
  for scored in select distinct as_of from account_scores loop
    execute format('create table %I partition of account_scores_by_date for values in (%L)', 'account_scores_' || to_char(scored, 'YYYYMMDD'), scored);
  end loop;
end $$;
insert into account_scores_by_date select * from account_scores;
drop table account_scores;
alter table account_scores_by_date rename to account_scores;
alter table account_scores add primary key (account_id, as_of);
create index account_scores_value_idx on account_scores (as_of, (coalesce(clv, monetary)) desc, account_id desc);
