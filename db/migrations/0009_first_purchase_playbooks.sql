-- The welcome and stay-in-touch programs are for a new customer's first purchase only: a customer
-- who buys again is thanked (the repeat_thanks default playbook), not welcomed a second time.
update playbooks
  set trigger_config = trigger_config || '{"purchase": "first"}'::jsonb
  where key in ('welcome', 'stay_in_touch') and not trigger_config ? 'purchase';
