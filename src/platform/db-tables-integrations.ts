import type { ColumnType, Generated } from 'kysely';

/** Tables of imports, webhooks and calendar feeds (db/migrations/0005_integrations.sql). */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export const importKinds = ['accounts', 'contacts', 'products', 'orders'] as const;
export type ImportKind = (typeof importKinds)[number];
export type ImportStatus = 'running' | 'done' | 'failed';
export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export type IntegrationTables = {
  imports: {
    id: Generated<string>;
    kind: ImportKind;
    file_name: string;
    preset: string | null;
    status: Generated<ImportStatus>;
    started_by: string | null;
    bytes_total: number | null;
    bytes_read: Generated<number>;
    rows_read: Generated<number>;
    inserted: Generated<number>;
    updated: Generated<number>;
    skipped: Generated<number>;
    failed: Generated<number>;
    /** Skipped rows counted by reason: guest, return, unchanged, not paid. */
    skipped_reasons: ColumnType<Record<string, number>, string | undefined, string>;
    message: string | null;
    header: Generated<string[]>;
    started_at: Timestamp;
    heartbeat_at: Timestamp;
    finished_at: Timestamp | null;
  };
  /** The rows of a running orders import, grouped by order number (0012_import_staging.sql). */
  import_order_rows: {
    import_id: string;
    order_number: string;
    row_number: number;
    fields: string[];
  };
  import_failures: {
    import_id: string;
    row_number: number;
    reason: string;
    fields: string[];
  };
  inbound_integrations: {
    id: Generated<string>;
    name: string;
    format: 'afterclose' | 'shopify';
    secret: string;
    created_by: string | null;
    created_at: Timestamp;
    revoked_at: Timestamp | null;
  };
  webhook_subscriptions: {
    id: Generated<string>;
    url: string;
    event_types: string[];
    secret: string;
    description: Generated<string>;
    active: Generated<boolean>;
    consecutive_failures: Generated<number>;
    disabled_reason: string | null;
    created_by: string | null;
    created_at: Timestamp;
  };
  webhook_deliveries: {
    id: Generated<number>;
    subscription_id: string;
    event_id: number;
    event_type: string;
    payload: ColumnType<Record<string, unknown>, string, string>;
    status: Generated<DeliveryStatus>;
    attempts: Generated<number>;
    next_attempt_at: Timestamp;
    locked_until: Timestamp | null;
    last_status: number | null;
    last_error: string | null;
    delivered_at: Timestamp | null;
    created_at: Timestamp;
  };
  calendar_feeds: {
    id: Generated<string>;
    user_id: string;
    token_hash: string;
    created_at: Timestamp;
    revoked_at: Timestamp | null;
  };
};
