-- Delivery follow-up (docs/decisions/0024-delivery-follow-up.md): where a customer learns to use a
-- product. The first delivery of a customer sends it in a short "did everything arrive well" email.
alter table products add column getting_started_url text check (getting_started_url ~ '^https?://');
