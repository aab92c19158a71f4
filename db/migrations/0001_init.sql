-- Foundation schema. Account-scoped tables carry account_id and include it in every primary and
-- unique key so they can later be distributed by account_id (docs/decisions/0002-shard-by-account.md).

create table users (
  id uuid primary key default gen_random_uuid(),
  email text not null,
  name text not null,
  role text not null check (role in ('admin', 'manager', 'sales', 'service')),
  password_hash text not null,
  time_zone text not null default 'UTC',
  active boolean not null default true,
  created_at timestamptz not null default now()
);
create unique index users_email_key on users (lower(email));

create table sessions (
  token_hash text primary key,
  user_id uuid not null references users (id) on delete cascade,
  created_at timestamptz not null,
  expires_at timestamptz not null
);
create index sessions_user_idx on sessions (user_id);

create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  name text not null,
  token_hash text not null unique,
  created_at timestamptz not null,
  last_used_at timestamptz,
  revoked_at timestamptz
);

-- Failed logins, kept in the database so that every api process sees the same count.
create table login_failures (
  id bigint generated always as identity primary key,
  email text not null,
  ip text not null,
  failed_at timestamptz not null
);
create index login_failures_email_idx on login_failures (lower(email), failed_at);
create index login_failures_ip_idx on login_failures (ip, failed_at);

create table accounts (
  id uuid primary key default gen_random_uuid(),
  external_id text unique,
  name text not null,
  kind text not null default 'company' check (kind in ('company', 'person')),
  lifecycle text not null default 'prospect' check (lifecycle in ('prospect', 'customer', 'lost')),
  owner_id uuid references users (id),
  service_owner_id uuid references users (id),
  tags text[] not null default '{}',
  interests text[] not null default '{}',
  billing jsonb,
  preferences jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index accounts_name_idx on accounts (lower(name), id);
create index accounts_owner_idx on accounts (owner_id);

create table contacts (
  account_id uuid not null references accounts (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  name text not null,
  email text,
  phone text,
  title text,
  postal_address text,
  newsletter_consent boolean not null default false,
  consent_at timestamptz,
  unsubscribed_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (account_id, id)
);
create unique index contacts_email_key on contacts (account_id, lower(email));
create index contacts_id_idx on contacts (id);

create table products (
  id uuid primary key default gen_random_uuid(),
  sku text not null unique,
  name text not null,
  category text,
  tags text[] not null default '{}',
  price numeric(12, 2) not null check (price >= 0),
  launched_at timestamptz,
  active boolean not null default true,
  created_at timestamptz not null default now()
);
create index products_name_idx on products (lower(name), id);

create table orders (
  account_id uuid not null references accounts (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  number text not null,
  status text not null default 'placed' check (status in ('placed', 'shipped', 'delivered', 'cancelled')),
  placed_at timestamptz not null,
  shipped_at timestamptz,
  delivered_at timestamptz,
  total numeric(14, 2) not null check (total >= 0),
  currency text not null default 'EUR',
  billing jsonb,
  reorder_of uuid,
  created_at timestamptz not null default now(),
  primary key (account_id, id)
);
create unique index orders_number_key on orders (account_id, number);
create index orders_id_idx on orders (id);
create index orders_account_placed_idx on orders (account_id, placed_at desc, id desc);

create table order_lines (
  account_id uuid not null,
  id uuid not null default gen_random_uuid(),
  order_id uuid not null,
  position integer not null default 0,
  product_id uuid references products (id),
  sku text,
  description text not null,
  quantity integer not null check (quantity > 0),
  unit_price numeric(12, 2) not null check (unit_price >= 0),
  specs jsonb not null default '{}',
  primary key (account_id, id),
  foreign key (account_id, order_id) references orders (account_id, id) on delete cascade
);
create index order_lines_order_idx on order_lines (account_id, order_id);

create table deals (
  account_id uuid not null references accounts (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  title text not null,
  owner_id uuid not null references users (id),
  value numeric(14, 2) not null default 0 check (value >= 0),
  stage text not null default 'lead' check (stage in ('lead', 'qualified', 'proposal', 'negotiation')),
  status text not null default 'open' check (status in ('open', 'won', 'lost')),
  expected_close_on date,
  closed_at timestamptz,
  lost_reason text,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  primary key (account_id, id)
);
create index deals_id_idx on deals (id);
create index deals_open_idx on deals (status, stage, id) where status = 'open';
create index deals_account_idx on deals (account_id, created_at desc);

create table touches (
  account_id uuid not null references accounts (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  kind text not null check (kind in ('call', 'meeting', 'email', 'card', 'survey', 'check_in',
    'management_call', 'clipping', 'referral_ask', 'task', 'note')),
  subject text not null,
  notes text,
  contact_id uuid,
  deal_id uuid,
  assignee_id uuid references users (id),
  status text not null default 'planned' check (status in ('planned', 'done', 'skipped', 'cancelled')),
  due_at timestamptz,
  done_at timestamptz,
  outcome text,
  created_by uuid references users (id),
  created_at timestamptz not null,
  -- The moment a touch belongs to on the timeline: when it happened, else when it is due.
  timeline_at timestamptz generated always as (coalesce(done_at, due_at, created_at)) stored,
  primary key (account_id, id),
  foreign key (account_id, deal_id) references deals (account_id, id) on delete cascade,
  foreign key (account_id, contact_id) references contacts (account_id, id) on delete set null (contact_id)
);
create index touches_id_idx on touches (id);
create index touches_timeline_idx on touches (account_id, timeline_at desc, id desc);
create index touches_deal_planned_idx on touches (account_id, deal_id, due_at) where status = 'planned';
create index touches_assignee_planned_idx on touches (assignee_id, due_at) where status = 'planned';

-- Append-only domain events, written in the same transaction as the change they describe.
-- Consumers (playbooks, webhooks) keep a cursor on id.
create table events (
  id bigint generated always as identity primary key,
  account_id uuid references accounts (id) on delete cascade,
  type text not null,
  subject_id uuid,
  actor_id uuid references users (id),
  payload jsonb not null default '{}',
  occurred_at timestamptz not null
);
create index events_account_idx on events (account_id, occurred_at desc, id desc);

-- Background work claimed with FOR UPDATE SKIP LOCKED. A scheduled job has a deterministic key.
create table jobs (
  id bigint generated always as identity primary key,
  name text not null,
  key text unique,
  payload jsonb not null default '{}',
  run_at timestamptz not null,
  attempts integer not null default 0,
  status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
  locked_until timestamptz,
  last_error text,
  finished_at timestamptz
);
create index jobs_due_idx on jobs (run_at) where status in ('queued', 'running');
