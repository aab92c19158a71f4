-- A user an admin added in the app starts with a password the admin chose and told them; until
-- they choose their own, the app sends them to their profile to change it (the admin should not
-- know a colleague's password for longer than the first sign-in). Users added from the command
-- line chose their own.
alter table users add column must_change_password boolean not null default false;
