-- Capacity-aware planning (docs/decisions/0025-capacity-aware-planning.md).

-- How much planned work a person takes per working day, on which weekdays (ISO: 1 = Monday) and
-- from which hour. Defaults follow the role: a salesperson's day holds fewer touches than a
-- service agent's, a manager's fewest.
alter table users add column touches_per_day integer check (touches_per_day between 1 and 200);
update users set touches_per_day = case role when 'sales' then 12 when 'service' then 20 when 'manager' then 6 else 6 end;
alter table users alter column touches_per_day set not null;
alter table users alter column touches_per_day set default 12;
alter table users add column working_days smallint[] not null default '{1,2,3,4,5}';
alter table users add column work_start_hour smallint not null default 9 check (work_start_hour between 0 and 23);
alter table users add column work_end_hour smallint not null default 17 check (work_end_hour between 1 and 24);

-- A task without slack (a recovery call within one business day) keeps its deadline even when the
-- day is full; the planner marks it so the team lead sees the overflow. A task with slack that found
-- no room inside its window is placed on the first day with room after it and marked late.
alter table touches add column planning_flag text check (planning_flag in ('over_capacity', 'past_window'));

-- The load of a person per day is read by assignee and due time when the planner loads.
create index touches_planned_load on touches (assignee_id, due_at) where status = 'planned';

-- Time away (holiday, leave): planned work due in the range goes to the backup, or to the
-- least-loaded active colleague of the same role, when the person saves it.
alter table users add column away_from date;
alter table users add column away_until date;
alter table users add column away_backup_id uuid references users (id) on delete set null;
alter table users add constraint users_away_range check (away_until is null or away_from is null or away_until >= away_from);
