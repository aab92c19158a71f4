-- An order's line rows may lie anywhere in a shop export (a sample of a retail file, a sorted
-- column, two files pasted together). The rows of an orders import are first written here, keyed
-- by order number, then read back in that order a group at a time: the import groups every line
-- of an order without holding the file in memory, whatever the row order. The rows of an import
-- are deleted when it ends; "C" collation makes the read order the same on every server.
create table import_order_rows (
  import_id uuid not null references imports (id) on delete cascade,
  order_number text collate "C" not null,
  row_number integer not null,
  fields text[] not null,
  primary key (import_id, order_number, row_number)
);

-- Why rows were skipped, counted by reason ({"guest": 12, "return": 3, "unchanged": 40}), so a
-- report of skipped rows says which were guests without a customer id and which were returns.
alter table imports add column skipped_reasons jsonb not null default '{}';
