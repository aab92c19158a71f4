import type { ColumnType, Generated } from 'kysely';

export type OrderStatus = 'placed' | 'shipped' | 'delivered' | 'cancelled';
export type OrderAlertLevel = 'late' | 'escalated';
type NullableJson = ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Owned by src/modules/orders (with its fulfilment promises and late-order alerts). */
export type OrdersTables = {
  orders: {
    account_id: string;
    id: Generated<string>;
    number: string;
    status: Generated<OrderStatus>;
    placed_at: Timestamp;
    shipped_at: Timestamp | null;
    delivered_at: Timestamp | null;
    total: number;
    currency: Generated<string>;
    billing: NullableJson;
    reorder_of: string | null;
    external_id: ColumnType<string | null, string | null | undefined, string | null>;
    /** When the fulfilment promise says it ships by (0021_fulfilment.sql); null only before it is set. */
    ship_by: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
    escalate_by: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
    expected_ship_on: ColumnType<string | null, string | null | undefined, string | null>;
    created_at: DefaultedTimestamp;
  };
  order_lines: {
    account_id: string;
    id: Generated<string>;
    order_id: string;
    position: Generated<number>;
    product_id: string | null;
    sku: string | null;
    description: string;
    quantity: number;
    unit_price: number;
    specs: ColumnType<Record<string, unknown>, string | undefined, string>;
  };
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
