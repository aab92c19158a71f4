-- Two more health factors (docs/decisions/0006-rfm-segments-and-health.md): open and SLA-breached
-- service issues, and the last NPS answer. Their weights join health_weights; what they count
-- with is set here like the other factors' thresholds.

alter table analytics_settings
  -- Points off the service-issues factor per open issue still within its SLA, and per one past it.
  add column issue_open_penalty integer not null default 15 check (issue_open_penalty between 0 and 100),
  add column issue_breached_penalty integer not null default 50 check (issue_breached_penalty between 0 and 100),
  -- An older NPS answer no longer says how the customer feels today: it stops counting either way.
  add column nps_max_age_days integer not null default 365 check (nps_max_age_days between 1 and 3650),
  -- Otherwise breaching an SLA would raise the health score.
  add constraint analytics_settings_issue_penalties_check check (issue_breached_penalty >= issue_open_penalty);

alter table analytics_settings alter column health_weights
  set default '{"order_rhythm": 32, "touch_recency": 20, "p_alive": 28, "service_issues": 10, "last_nps": 10}';

-- Weights are relative. The three existing ones are scaled by 0.8, keeping their balance to one
-- another, and each new one gets a tenth of their old total: an untouched row (40/25/35) becomes
-- exactly the new default, a customised one keeps its own mix for the first three factors.
update analytics_settings set health_weights = (
  select jsonb_object_agg(key, round(value::numeric * 0.8, 2))
    || jsonb_build_object('service_issues', round(sum(value::numeric) / 10, 2), 'last_nps', round(sum(value::numeric) / 10, 2))
  from jsonb_each_text(analytics_settings.health_weights)
)
where not health_weights ? 'service_issues';
