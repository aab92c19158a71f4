-- Fulfilment promises and late-order alerts (docs/decisions/0022-fulfilment-promise.md).

-- The company's promise from order to shipment, in working days, and the calendar used for an
-- account nobody owns. One row: the check makes a second row impossible.
create table fulfilment_settings (
  id boolean primary key default true check (id),
  promise_working_days integer not null default 2 check (promise_working_days between 0 and 60),
  time_zone text not null default 'UTC',
  updated_at timestamptz not null default now()
);
insert into fulfilment_settings (id) values (true);

-- A promise for one customer (a key account ships the same day) replaces the company's.
create table account_fulfilment_promises (
  account_id uuid primary key references accounts (id) on delete cascade,
  working_days integer not null check (working_days between 0 and 60),
  updated_at timestamptz not null default now()
);

-- A product that needs longer (made to order) lengthens the promise of every order it is on.
create table product_fulfilment_promises (
  product_id uuid primary key references products (id) on delete cascade,
  working_days integer not null check (working_days between 0 and 60),
  updated_at timestamptz not null default now()
);

alter table orders add column ship_by timestamptz;
alter table orders add column escalate_by timestamptz;

-- The lateness scan reads only unshipped orders by their deadline.
create index orders_unshipped_ship_by_idx on orders (ship_by) where status = 'placed';

-- One row per order and alert level: the claim that makes an alert exactly-once across workers.
create table order_alerts (
  account_id uuid not null,
  order_id uuid not null,
  level text not null check (level in ('late', 'escalated')),
  touch_id uuid,
  raised_at timestamptz not null,
  primary key (account_id, order_id, level),
  foreign key (account_id, order_id) references orders (account_id, id) on delete cascade
);

-- Unshipped orders get the company's default promise (2 working days, UTC calendar): the end of
-- the second working day after the day the order was placed (a weekend order counts from Monday).
update orders o set
  ship_by = (
    select (d + interval '1 day') at time zone 'UTC'
    from generate_series((o.placed_at at time zone 'UTC')::date::timestamp, (o.placed_at at time zone 'UTC')::date::timestamp + interval '20 days', interval '1 day') as d
    where extract(isodow from d) < 6
    order by d offset 2 limit 1),
  escalate_by = (
    select (d + interval '1 day') at time zone 'UTC'
    from generate_series((o.placed_at at time zone 'UTC')::date::timestamp, (o.placed_at at time zone 'UTC')::date::timestamp + interval '30 days', interval '1 day') as d
    where extract(isodow from d) < 6
    order by d offset 6 limit 1)
where o.status = 'placed';

-- The day the service owner now expects a late order to ship; the delay note tells the customer.
alter table orders add column expected_ship_on date;
