-- Who resolved an issue: first-contact resolution is credited to that person, not to whoever the
-- issue happens to be assigned to (issue 10, defect 6). Cleared when the issue is reopened.
alter table issues add column resolved_by uuid references users (id);

-- Issues resolved before this column existed: the actor of their latest issue.resolved event.
update issues set resolved_by = (
  select events.actor_id from events
  where events.type = 'issue.resolved' and events.subject_id = issues.id
  order by events.id desc limit 1)
where issues.resolved_at is not null;
