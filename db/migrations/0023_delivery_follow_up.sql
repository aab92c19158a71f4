-- Delivery follow-up (docs/decisions/0024-delivery-follow-up.md): where a customer learns to use a
-- product. The first delivery of a customer sends it in a short "did everything arrive well" email.
alter table products add column getting_started_url text check (getting_started_url ~ '^https?://');

-- Late orders join the health score (decision 0024). Its weight is a tenth of the others' total, so
-- an untouched row (32/20/28/10/10) gets 10 like the new default; the factor is neutral for an
-- account without late orders, so their scores do not move.
alter table analytics_settings alter column health_weights
  set default '{"order_rhythm": 32, "touch_recency": 20, "p_alive": 28, "service_issues": 10, "last_nps": 10, "late_orders": 10}';
update analytics_settings set health_weights = health_weights || jsonb_build_object('late_orders', (
    select round(sum(value::numeric) / 10, 2) from jsonb_each_text(analytics_settings.health_weights)))
where not health_weights ? 'late_orders';
