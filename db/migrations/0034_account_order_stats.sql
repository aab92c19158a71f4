-- Nightly scoring read every order of every account to find each account's purchase days, gaps and
-- spend: about ten times the cost of a bare GROUP BY over the orders (docs/decisions/0039-scoring-
-- from-order-stats.md). These are those numbers per account over all its orders (cancelled ones are
-- not purchases), written by the scoring run. Beside them, what they were computed from: an
-- account whose orders no longer add up to the same count, spend, sum of order times and sum of
-- spend times order days is computed again from its orders. Every writer of orders (the API,
-- imports, demo data, COPY) stays as it is, and an empty table simply means the first run computes
-- every account.
create table account_order_stats (
  account_id uuid primary key,
  orders integer not null,
  spend numeric not null,
  placed_seconds numeric not null,
  spend_days numeric not null,
  first_order_on date not null,
  last_order_on date not null,
  order_days integer not null,
  repeat_spend_mean double precision not null,
  median_latency_days double precision,
  mean_latency_days double precision,
  quarters integer[] not null
);

-- No foreign key, as for the scores (0007): a first run writes a row for every customer and would
-- lock every account. A deleted account's row goes with the account's other rows kept elsewhere.
create or replace function delete_account_elsewhere(removed_account_id uuid) returns void language plpgsql volatile as $$
begin
  delete from referrals where referred_account_id = removed_account_id;
  delete from account_scores where account_id = removed_account_id;
  delete from account_order_stats where account_id = removed_account_id;
  delete from notifications where account_id = removed_account_id;
  delete from messages where account_id = removed_account_id;
  delete from events where account_id = removed_account_id;
end $$;

-- A score row kept the whole explained factor list (about 675 bytes of JSON an account a day),
-- which made writing the scores twice as slow as writing the numbers alone. It now keeps what the
-- factors read besides the score's own columns; the account page assesses and explains the factors
-- again from them, with the settings the run scored with, and gets the same list.
alter table account_scores
  add column rhythm_reference double precision,
  add column open_issues integer not null default 0,
  add column breached_issues integer not null default 0,
  add column last_nps smallint,
  add column last_nps_days integer,
  add column late_orders integer not null default 0,
  add column days_late double precision not null default 0;
update account_scores set
  rhythm_reference = jsonb_path_query_first(health_factors, '$[*] ? (@.key == "order_rhythm").reference')::float8,
  open_issues = coalesce(jsonb_path_query_first(health_factors, '$[*] ? (@.key == "service_issues").open_issues.open')::int, 0),
  breached_issues = coalesce(jsonb_path_query_first(health_factors, '$[*] ? (@.key == "service_issues").open_issues.breached')::int, 0),
  last_nps = jsonb_path_query_first(health_factors, '$[*] ? (@.key == "last_nps").last_nps.score')::smallint,
  last_nps_days = jsonb_path_query_first(health_factors, '$[*] ? (@.key == "last_nps").last_nps.days_ago')::int,
  late_orders = coalesce(jsonb_path_query_first(health_factors, '$[*] ? (@.key == "late_orders").late_orders.late')::int, 0),
  days_late = coalesce(jsonb_path_query_first(health_factors, '$[*] ? (@.key == "late_orders").late_orders.days_late')::float8, 0);
alter table account_scores drop column health_factors;
