-- Bringing data in and out: CSV imports with their failed rows, inbound order webhooks, outbound
-- webhook subscriptions with a delivery log, and per-user calendar feeds.

-- The id the sending system gave an order (a Shopify order id): a replayed webhook finds it again.
alter table orders add column external_id text;
create unique index orders_external_id_key on orders (account_id, external_id);
create index orders_external_id_idx on orders (external_id) where external_id is not null;

-- One row per import, moved on after every batch so the web app can show a running import.
create table imports (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('accounts', 'contacts', 'products', 'orders')),
  file_name text not null,
  preset text,
  status text not null default 'running' check (status in ('running', 'done', 'failed')),
  started_by uuid references users (id) on delete set null,
  bytes_total bigint,
  bytes_read bigint not null default 0,
  rows_read integer not null default 0,
  inserted integer not null default 0,
  updated integer not null default 0,
  skipped integer not null default 0,
  failed integer not null default 0,
  message text,
  header text[] not null default '{}',
  started_at timestamptz not null,
  heartbeat_at timestamptz not null,
  finished_at timestamptz
);
create index imports_started_idx on imports (started_at desc, id desc);

-- Rows that were not imported and why; downloadable as CSV to fix and import again.
create table import_failures (
  import_id uuid not null references imports (id) on delete cascade,
  row_number integer not null,
  reason text not null,
  fields text[] not null,
  primary key (import_id, row_number)
);

-- A system that pushes orders to us; its secret checks the HMAC signature of every request. The
-- secret itself is kept (not a hash) because verifying an HMAC needs it.
create table inbound_integrations (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  format text not null check (format in ('afterclose', 'shopify')),
  secret text not null,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null,
  revoked_at timestamptz
);

create table webhook_subscriptions (
  id uuid primary key default gen_random_uuid(),
  url text not null,
  event_types text[] not null check (cardinality(event_types) > 0),
  secret text not null,
  description text not null default '',
  active boolean not null default true,
  -- Failed deliveries in a row; the subscription is disabled when it reaches the limit.
  consecutive_failures integer not null default 0,
  disabled_reason text,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null
);

-- One delivery per subscription and event: reading an event twice never sends it twice.
create table webhook_deliveries (
  id bigint generated always as identity primary key,
  subscription_id uuid not null references webhook_subscriptions (id) on delete cascade,
  event_id bigint not null,
  event_type text not null,
  payload jsonb not null,
  status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null,
  locked_until timestamptz,
  last_status integer,
  last_error text,
  delivered_at timestamptz,
  created_at timestamptz not null,
  unique (subscription_id, event_id)
);
create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at) where status = 'pending';
create index webhook_deliveries_log_idx on webhook_deliveries (subscription_id, id desc);

insert into event_cursors (consumer) values ('webhooks');

-- A secret calendar link per user; only its hash is stored, and revoking it ends the link.
create table calendar_feeds (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  token_hash text not null unique,
  created_at timestamptz not null,
  revoked_at timestamptz
);
create unique index calendar_feeds_one_active_key on calendar_feeds (user_id) where revoked_at is null;
