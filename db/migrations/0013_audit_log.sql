-- Who changed what and when (docs/decisions/0013). Written in the same transaction as the change
-- by src/platform/audit.ts, and append-only: the trigger below refuses UPDATE, DELETE and TRUNCATE,
-- so a bug or a compromised app account cannot quietly rewrite history (a superuser can still drop
-- the trigger; that is what database access logs are for). No foreign keys: an entry outlives the
-- account, contact or user it names, and a cascade would have to delete or update it.
create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_id uuid,
  action text not null,
  entity_type text not null,
  entity_id text,
  account_id uuid,
  changes jsonb not null default '{}',
  ip text
);

create index audit_log_at on audit_log (at desc, id desc);
create index audit_log_actor on audit_log (actor_id, at desc, id desc);
create index audit_log_entity on audit_log (entity_type, entity_id, at desc, id desc);
create index audit_log_action on audit_log (action, at desc, id desc);

create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_log_no_update_or_delete before update or delete on audit_log
  for each row execute function audit_log_is_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_is_append_only();
