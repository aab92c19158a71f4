import type { ColumnType, Generated } from 'kysely';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';
type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** Owned by src/modules/webhooks (outbound subscriptions and inbound integrations). */
export type WebhooksTables = {
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
  inbound_integrations: {
    id: Generated<string>;
    name: string;
    format: 'afterclose' | 'shopify';
    secret: string;
    created_by: string | null;
    created_at: Timestamp;
    revoked_at: Timestamp | null;
  };
};
