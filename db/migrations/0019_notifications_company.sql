-- In-app notifications (the bell): one row per person told about one event. The event log drives
-- them through the 'notifications' cursor, and (source_event_id, user_id) is unique, so re-reading
-- a batch after a crash tells nobody twice.
create table notifications (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  account_id uuid references accounts (id) on delete cascade,
  source_event_id bigint not null,
  kind text not null check (kind in ('assigned', 'detractor', 'import_failed', 'webhook_failing')),
  title text not null,
  body text,
  link text not null,
  created_at timestamptz not null default now(),
  read_at timestamptz
);
create unique index notifications_once_per_event on notifications (source_event_id, user_id);
create index notifications_by_user on notifications (user_id, created_at desc, id desc);
create index notifications_unread_by_user on notifications (user_id) where read_at is null;

-- The new consumer starts at the end of the log: nobody is told about what happened before.
insert into event_cursors (consumer) values ('notifications');
update event_cursors set (last_tx, last_id) = (select tx, id from events order by tx desc, id desc limit 1)
  where consumer = 'notifications' and exists (select 1 from events);

-- The business behind the emails and the public pages. One row (the check keeps it one); an
-- uploaded logo is kept here, small and of an image type only, so no file store is needed.
create table company_settings (
  id boolean primary key default true check (id),
  business_name text not null default '',
  reply_to text,
  default_currency text not null default 'EUR' check (default_currency ~ '^[A-Z]{3}$'),
  logo_url text,
  logo_type text check (logo_type in ('image/png', 'image/jpeg', 'image/webp', 'image/gif')),
  logo_base64 text,
  updated_at timestamptz not null default now(),
  updated_by uuid references users (id) on delete set null,
  check ((logo_type is null) = (logo_base64 is null))
);
insert into company_settings (id) values (true);
