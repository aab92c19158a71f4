-- Issue 15, item 4: the stalled-deals list read every open deal and looked up its next step and
-- last activity in touches. The deal now carries both, kept current by triggers on touches in the
-- statement that changes them (decision 0023), and the stalled order is an index.

alter table deals add column next_step_at timestamptz;
alter table deals add column last_activity_at timestamptz;
-- Since when an open deal has been stalled if it is: its next step's due date, or, with nothing
-- planned, its last change or last done touch, whichever is later.
alter table deals add column stalled_since timestamptz not null
  generated always as (coalesce(next_step_at, greatest(updated_at, last_activity_at))) stored;

create function refresh_deal_steps(changed_account_ids uuid[], changed_deal_ids uuid[]) returns void
language sql as $$
  update deals d set
    next_step_at = (select min(t.due_at) from touches t
      where t.account_id = d.account_id and t.deal_id = d.id and t.status = 'planned'),
    last_activity_at = (select max(t.done_at) from touches t
      where t.account_id = d.account_id and t.deal_id = d.id and t.status = 'done')
  from unnest(changed_account_ids, changed_deal_ids) as c(account_id, deal_id)
  where d.account_id = c.account_id and d.id = c.deal_id
$$;

create function deal_steps_after_insert() returns trigger language plpgsql as $$
begin
  perform refresh_deal_steps(array_agg(account_id), array_agg(deal_id))
    from (select distinct account_id, deal_id from new_rows where deal_id is not null) c;
  return null;
end $$;

create function deal_steps_after_delete() returns trigger language plpgsql as $$
begin
  perform refresh_deal_steps(array_agg(account_id), array_agg(deal_id))
    from (select distinct account_id, deal_id from old_rows where deal_id is not null) c;
  return null;
end $$;

create function deal_steps_after_update() returns trigger language plpgsql as $$
begin
  perform refresh_deal_steps(array[old.account_id, new.account_id], array[old.deal_id, new.deal_id]);
  return null;
end $$;

create trigger deal_steps_insert after insert on touches
  referencing new table as new_rows for each statement execute function deal_steps_after_insert();
create trigger deal_steps_delete after delete on touches
  referencing old table as old_rows for each statement execute function deal_steps_after_delete();
create trigger deal_steps_update after update of account_id, deal_id, status, due_at, done_at on touches for each row
  when ((old.deal_id is not null or new.deal_id is not null) and (old.account_id is distinct from new.account_id
    or old.deal_id is distinct from new.deal_id or old.status is distinct from new.status
    or old.due_at is distinct from new.due_at or old.done_at is distinct from new.done_at))
  execute function deal_steps_after_update();

-- Backfill every deal that has touches.
update deals d set next_step_at = s.next_step_at, last_activity_at = s.last_activity_at
from (
  select account_id, deal_id,
    min(due_at) filter (where status = 'planned') as next_step_at,
    max(done_at) filter (where status = 'done') as last_activity_at
  from touches where deal_id is not null group by account_id, deal_id
) s
where d.account_id = s.account_id and d.id = s.deal_id;

-- Stalled open deals, longest stalled first, for everyone and per owner.
create index deals_stalled_idx on deals (stalled_since, id) where status = 'open';
create index deals_owner_stalled_idx on deals (owner_id, stalled_since, id) where status = 'open';
