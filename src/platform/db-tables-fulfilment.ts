import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type OrderAlertLevel = 'late' | 'escalated';

/** Fulfilment promises and late-order alerts (db/migrations/0021_fulfilment.sql). */
export type FulfilmentTables = {
  fulfilment_settings: {
    id: ColumnType<boolean, boolean | undefined, boolean>;
    promise_working_days: ColumnType<number, number | undefined, number>;
    time_zone: ColumnType<string, string | undefined, string>;
    updated_at: DefaultedTimestamp;
  };
  account_fulfilment_promises: {
    account_id: string;
    working_days: number;
    updated_at: DefaultedTimestamp;
  };
  product_fulfilment_promises: {
    product_id: string;
    working_days: number;
    updated_at: DefaultedTimestamp;
  };
  order_alerts: {
    account_id: string;
    order_id: string;
    level: OrderAlertLevel;
    touch_id: string | null;
    raised_at: Timestamp;
  };
};
