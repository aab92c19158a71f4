-- Retention analytics (docs/decisions/0006-rfm-segments-and-health.md): the settings scoring uses,
-- one row per scoring run, the CLV models each run fitted, quarterly cohort retention, and one score
-- row per account and as-of date.

-- A single row (id is always true): the health weights, the lateness factor and the CLV horizon.
create table analytics_settings (
  id boolean primary key default true check (id),
  health_weights jsonb not null default '{"order_rhythm": 40, "touch_recency": 25, "p_alive": 35}',
  lateness_factor numeric(4, 2) not null default 1.5 check (lateness_factor > 1 and lateness_factor <= 10),
  touch_fresh_days integer not null default 30 check (touch_fresh_days >= 0),
  touch_stale_days integer not null default 180,
  clv_horizon_months integer not null default 12 check (clv_horizon_months between 1 and 120),
  clv_monthly_discount_rate numeric(6, 4) not null default 0.01
    check (clv_monthly_discount_rate >= 0 and clv_monthly_discount_rate < 1),
  updated_at timestamptz not null default now(),
  check (touch_stale_days > touch_fresh_days)
);
insert into analytics_settings default values;

create table scoring_runs (
  id bigint generated always as identity primary key,
  as_of date not null,
  status text not null default 'running' check (status in ('running', 'done', 'failed')),
  started_at timestamptz not null,
  -- Moved on after every chunk, so a run whose process died can be told from a slow one.
  heartbeat_at timestamptz not null,
  finished_at timestamptz,
  accounts integer not null default 0,
  -- Why p(alive) and CLV are empty for this run (too little history), or why the run failed.
  message text,
  settings jsonb not null
);
create index scoring_runs_as_of_idx on scoring_runs (as_of desc, id desc);
-- At most one run at a time: two would fight over the same rows of account_scores.
create unique index scoring_runs_one_running_key on scoring_runs ((true)) where status = 'running';

create table model_fits (
  id bigint generated always as identity primary key,
  run_id bigint not null references scoring_runs (id) on delete cascade,
  model text not null check (model in ('bgnbd', 'gammagamma')),
  unit text not null default 'day',
  params jsonb not null,
  standard_errors jsonb not null,
  ll double precision not null,
  customers integer not null,
  iterations integer not null,
  fit_ms double precision not null,
  -- BG/NBD only: refitted on the history before a holdout window, predicted vs actual repeat orders.
  holdout_check jsonb,
  created_at timestamptz not null,
  unique (run_id, model)
);

-- Share of each quarterly cohort (by first order) that ordered again in each later quarter.
create table cohort_retention (
  run_id bigint not null references scoring_runs (id) on delete cascade,
  cohort date not null,
  period integer not null check (period >= 0),
  customers integer not null,
  active integer not null,
  primary key (run_id, cohort, period)
);

create table account_scores (
  account_id uuid not null references accounts (id) on delete cascade,
  as_of date not null,
  run_id bigint not null references scoring_runs (id),
  first_order_on date not null,
  last_order_on date not null,
  orders integer not null,
  order_days integer not null,
  recency_days integer not null,
  monetary numeric(14, 2) not null,
  repeat_spend_mean numeric(14, 2) not null,
  r_score smallint not null check (r_score between 1 and 5),
  f_score smallint not null check (f_score between 1 and 5),
  m_score smallint not null check (m_score between 1 and 5),
  segment text not null check (segment in ('champions', 'loyal', 'new', 'promising', 'need_attention',
    'at_risk', 'cant_lose', 'hibernating', 'lost')),
  median_latency_days numeric(8, 1),
  mean_latency_days numeric(8, 1),
  next_expected_order_on date,
  late boolean not null,
  days_since_touch integer,
  p_alive double precision,
  expected_purchases_90d double precision,
  expected_spend numeric(14, 2),
  clv numeric(14, 2),
  health smallint not null check (health between 0 and 100),
  health_factors jsonb not null,
  scored_at timestamptz not null,
  primary key (account_id, as_of)
);
-- Lists ("at risk with CLV above X") read one as-of date, most valuable first (revenue until CLV is fitted).
create index account_scores_value_idx on account_scores (as_of, (coalesce(clv, monetary)) desc, account_id desc);
