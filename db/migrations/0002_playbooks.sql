-- After-sale playbooks, their runs, the email outbox, and the event cursor the worker keeps.

-- The transaction that wrote an event: consumers read only events of transactions older than every
-- running one, in (tx, id) order, so an event that commits late is never skipped.
alter table events add column tx xid8 not null default pg_current_xact_id();
create index events_tx_idx on events (tx, id);

create table event_cursors (
  consumer text primary key,
  last_tx xid8 not null default '0',
  last_id bigint not null default 0,
  updated_at timestamptz not null default now()
);

create table playbooks (
  id uuid primary key default gen_random_uuid(),
  key text unique,
  name text not null,
  description text not null default '',
  trigger text not null,
  trigger_config jsonb not null default '{}',
  steps jsonb not null,
  enabled boolean not null default true,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- One run per (playbook, account, triggering occurrence); the steps are copied in, so editing the
-- playbook never changes a run in flight.
create table playbook_runs (
  account_id uuid not null references accounts (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  playbook_id uuid not null references playbooks (id) on delete cascade,
  playbook_version integer not null,
  trigger_key text not null,
  event_id bigint,
  steps jsonb not null,
  started_at timestamptz not null,
  primary key (account_id, id),
  unique (account_id, playbook_id, trigger_key)
);
create index playbook_runs_id_idx on playbook_runs (id);

alter table touches
  add column playbook_run_id uuid,
  add column step_key text,
  add column recurrence_days integer check (recurrence_days > 0),
  add column snoozed_until timestamptz;
-- A step (and each recurrence of it) becomes at most one touch.
create unique index touches_run_step_key on touches (account_id, playbook_run_id, step_key)
  where playbook_run_id is not null;
create index touches_recurring_idx on touches (account_id) where status = 'planned' and recurrence_days is not null;

alter table accounts add column snoozed_until timestamptz;
alter table users add column digest_enabled boolean not null default false;

create table messages (
  account_id uuid references accounts (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  idempotency_key text not null,
  touch_id uuid,
  contact_id uuid,
  user_id uuid references users (id) on delete cascade,
  to_email text not null,
  subject text not null,
  body_text text not null,
  unsubscribe_url text,
  status text not null default 'queued' check (status in ('queued', 'sending', 'sent', 'failed', 'suppressed')),
  send_after timestamptz not null,
  attempts integer not null default 0,
  locked_until timestamptz,
  sent_at timestamptz,
  error text,
  created_at timestamptz not null default now(),
  primary key (id)
);
create unique index messages_idempotency_key on messages (idempotency_key);
create index messages_due_idx on messages (send_after) where status in ('queued', 'sending');
create index messages_account_idx on messages (account_id, created_at desc);

-- Secrets shared by every process (the unsubscribe-link key), created once.
create table settings (
  key text primary key,
  value text not null
);

-- Press mentions of a customer: the "Press mention" playbook mails the clipping with a note.
create table mentions (
  account_id uuid not null references accounts (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  source text not null,
  title text not null,
  url text,
  published_at timestamptz not null,
  created_at timestamptz not null default now(),
  primary key (account_id, id)
);

insert into event_cursors (consumer) values ('playbooks');

-- The stalled-deals list asks, per open deal with nothing planned, when it was last worked on.
create index touches_deal_done_idx on touches (account_id, deal_id, done_at) where status = 'done' and deal_id is not null;
