-- Which completed touches reset a recurring touch's cadence. A check-in call resets check-ins; it
-- does not move the annual survey or the management call (decision 0010).
alter table touches add column resets_on text[];
update touches
  set resets_on = case kind
    when 'check_in' then array['check_in', 'call', 'meeting']
    when 'call' then array['call', 'meeting', 'check_in']
    when 'meeting' then array['meeting', 'call', 'check_in']
    when 'email' then array[]::text[]
    when 'survey' then array[]::text[]
    when 'referral_ask' then array[]::text[]
    else array[kind] end
  where recurrence_days is not null;

-- Whom a customer's reply reaches: the account's owner, or its service owner for service mail
-- (read when the email is sent, so a new owner gets the replies). Null for mail to our own users.
alter table messages add column reply_as text check (reply_as in ('owner', 'service_owner'));

-- Referral outcomes follow deal and touch events within a minute (the hourly scan stays as a
-- safety net); the new consumer starts at the end of the log, as the scan covers what came before.
insert into event_cursors (consumer) values ('referrals');
update event_cursors set (last_tx, last_id) = (select tx, id from events order by tx desc, id desc limit 1)
  where consumer = 'referrals' and exists (select 1 from events);
