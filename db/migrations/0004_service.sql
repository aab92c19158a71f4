-- Service issues with SLAs, NPS/CSAT surveys, referrals and customer goals (issue 4). Account-scoped
-- tables carry account_id in every primary and unique key (docs/decisions/0002-shard-by-account.md).

-- How long each severity may wait for a first response and for a resolution, in calendar hours.
create table issue_slas (
  severity text primary key check (severity in ('low', 'normal', 'high', 'urgent')),
  first_response_hours integer not null check (first_response_hours > 0),
  resolution_hours integer not null check (resolution_hours > 0),
  updated_at timestamptz not null default now(),
  check (resolution_hours >= first_response_hours)
);
insert into issue_slas (severity, first_response_hours, resolution_hours) values
  ('urgent', 1, 8), ('high', 4, 24), ('normal', 8, 72), ('low', 24, 168);

create table issues (
  account_id uuid not null references accounts (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  title text not null,
  description text not null default '',
  severity text not null check (severity in ('low', 'normal', 'high', 'urgent')),
  status text not null default 'new' check (status in ('new', 'open', 'waiting', 'resolved', 'closed')),
  channel text not null default 'api' check (channel in ('web', 'api', 'email', 'phone')),
  contact_id uuid,
  assignee_id uuid references users (id),
  created_by uuid references users (id),
  first_response_due_at timestamptz not null,
  resolution_due_at timestamptz not null,
  first_response_at timestamptz,
  resolved_at timestamptz,
  closed_at timestamptz,
  -- Replies that reached the customer (call, email, meeting); exactly one at resolution, never
  -- reopened, is a first-contact resolution.
  customer_contacts integer not null default 0,
  reopened_count integer not null default 0,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  primary key (account_id, id),
  foreign key (account_id, contact_id) references contacts (account_id, id) on delete set null (contact_id)
);
create index issues_id_idx on issues (id);
create index issues_account_idx on issues (account_id, created_at desc);
create index issues_unresolved_idx on issues (resolution_due_at) where status in ('new', 'open', 'waiting');
create index issues_assignee_idx on issues (assignee_id, status);

-- Every reply on an issue is a touch on the account's timeline; this says which issue it belongs to.
create table issue_touches (
  account_id uuid not null,
  issue_id uuid not null,
  touch_id uuid not null,
  customer_contact boolean not null,
  primary key (account_id, issue_id, touch_id),
  foreign key (account_id, issue_id) references issues (account_id, id) on delete cascade,
  foreign key (account_id, touch_id) references touches (account_id, id) on delete cascade
);

create table surveys (
  kind text primary key check (kind in ('nps', 'csat')),
  name text not null,
  question text not null,
  min_score smallint not null,
  max_score smallint not null
);
insert into surveys (kind, name, question, min_score, max_score) values
  ('nps', 'Net Promoter Score', 'How likely are you to recommend us to a friend or colleague?', 0, 10),
  ('csat', 'Customer satisfaction', 'How satisfied are you with how we handled your request?', 1, 5);

-- An invitation to answer one survey once. Only a hash of the link's token is kept: the link itself
-- lives in the customer's mailbox, so a leaked database cannot be used to answer for anyone.
create table survey_invites (
  account_id uuid not null references accounts (id) on delete cascade,
  id uuid not null,
  survey_kind text not null references surveys (kind),
  contact_id uuid,
  touch_id uuid,
  issue_id uuid,
  token_hash text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  answered_at timestamptz,
  primary key (account_id, id),
  foreign key (account_id, contact_id) references contacts (account_id, id) on delete set null (contact_id),
  foreign key (account_id, touch_id) references touches (account_id, id) on delete set null (touch_id),
  foreign key (account_id, issue_id) references issues (account_id, id) on delete set null (issue_id)
);
create index survey_invites_touch_idx on survey_invites (account_id, touch_id);
create index survey_invites_created_idx on survey_invites (survey_kind, created_at);

-- The primary key makes a second answer to one invite impossible, whatever the page does.
create table survey_responses (
  account_id uuid not null,
  invite_id uuid not null,
  survey_kind text not null references surveys (kind),
  score smallint not null,
  comment text,
  answered_at timestamptz not null,
  primary key (account_id, invite_id),
  foreign key (account_id, invite_id) references survey_invites (account_id, id) on delete cascade,
  check ((survey_kind = 'nps' and score between 0 and 10) or (survey_kind = 'csat' and score between 1 and 5))
);
create index survey_responses_answered_idx on survey_responses (survey_kind, answered_at);
create index survey_responses_account_idx on survey_responses (account_id, answered_at desc);

-- A referral form link sent to a customer; one submit per link, token stored as a hash.
create table referral_links (
  account_id uuid not null references accounts (id) on delete cascade,
  id uuid not null,
  contact_id uuid,
  touch_id uuid,
  token_hash text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz,
  primary key (account_id, id),
  foreign key (account_id, contact_id) references contacts (account_id, id) on delete set null (contact_id),
  foreign key (account_id, touch_id) references touches (account_id, id) on delete set null (touch_id)
);

-- A person a customer (the referrer, account_id) recommended. The referred person became their own
-- prospect account with a deal; won deals there are the referrer's attributed revenue.
create table referrals (
  account_id uuid not null references accounts (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  referrer_contact_id uuid,
  link_id uuid,
  name text not null,
  email text,
  company text,
  note text,
  referred_account_id uuid not null references accounts (id) on delete cascade,
  deal_id uuid,
  status text not null default 'new' check (status in ('new', 'contacted', 'deal', 'won', 'lost')),
  attributed_revenue numeric(14, 2) not null default 0,
  won_at timestamptz,
  thank_touch_id uuid,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  primary key (account_id, id),
  foreign key (account_id, referrer_contact_id) references contacts (account_id, id) on delete set null (referrer_contact_id),
  foreign key (referred_account_id, deal_id) references deals (account_id, id) on delete set null (deal_id)
);
create index referrals_id_idx on referrals (id);
create index referrals_referred_idx on referrals (referred_account_id);
create index referrals_open_idx on referrals (status) where status in ('new', 'contacted', 'deal');

-- The customer's goals and vision from discovery. A review touch is planned once, 30 days ahead.
create table goals (
  account_id uuid not null references accounts (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  text text not null,
  measure text,
  target_on date,
  status text not null default 'open' check (status in ('open', 'achieved', 'dropped')),
  achieved_at timestamptz,
  review_touch_id uuid,
  created_by uuid references users (id),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  primary key (account_id, id)
);
create index goals_id_idx on goals (id);
create index goals_review_due_idx on goals (target_on) where status = 'open' and review_touch_id is null;
