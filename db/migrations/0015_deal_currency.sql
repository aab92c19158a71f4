-- A deal's value is money: it carries its currency like an order does, so the board never adds
-- euros to dollars and the deal page can say which one it is. Existing deals were entered in euros,
-- the only currency the app knew.
alter table deals add column currency text not null default 'EUR' check (currency ~ '^[A-Z]{3}$');
