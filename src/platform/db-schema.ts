import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { AnalyticsTables } from './db-tables-analytics.ts';
import type { FulfilmentTables } from './db-tables-fulfilment.ts';
import type { IntegrationTables } from './db-tables-integrations.ts';
import type { NotificationTables } from './db-tables-notifications.ts';
import type { PlaybookTables } from './db-tables-playbooks.ts';
import type { ServiceTables } from './db-tables-service.ts';

/** Table types for Kysely, written by hand; table-types.test.ts checks them against the migrated database. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = JSONColumnType<Record<string, unknown>>;
type NullableJson = ColumnType<
  Record<string, unknown> | null,
  string | null | undefined,
  string | null
>;

export type Role = 'admin' | 'manager' | 'sales' | 'service';
export type Lifecycle = 'prospect' | 'customer' | 'lost';
export type DealStage = 'lead' | 'qualified' | 'proposal' | 'negotiation';
export type DealStatus = 'open' | 'won' | 'lost';
export type OrderStatus = 'placed' | 'shipped' | 'delivered' | 'cancelled';
export type TouchStatus = 'planned' | 'done' | 'skipped' | 'cancelled';
/** Why the planner placed a touch against the rules: a no-slack task on a full day, or a slack task after its window. */
export type PlanningFlag = 'over_capacity' | 'past_window';

export const touchKinds = [
  'call',
  'meeting',
  'email',
  'card',
  'survey',
  'check_in',
  'management_call',
  'clipping',
  'referral_ask',
  'task',
  'note',
] as const;
export type TouchKind = (typeof touchKinds)[number];

/** The foundation's tables; each later domain adds its own in db-tables-<domain>.ts. */
type CoreTables = {
  schema_migrations: { name: string; applied_at: DefaultedTimestamp };
  users: {
    id: Generated<string>;
    email: string;
    name: string;
    role: Role;
    password_hash: string;
    time_zone: Generated<string>;
    active: Generated<boolean>;
    digest_enabled: Generated<boolean>;
    must_change_password: Generated<boolean>;
    created_at: DefaultedTimestamp;
    touches_per_day: Generated<number>;
    working_days: Generated<number[]>;
    work_start_hour: Generated<number>;
    work_end_hour: Generated<number>;
    away_from: string | null;
    away_until: string | null;
    away_backup_id: string | null;
  };
  sessions: { token_hash: string; user_id: string; created_at: Timestamp; expires_at: Timestamp };
  api_tokens: {
    id: Generated<string>;
    user_id: string;
    name: string;
    token_hash: string;
    created_at: Timestamp;
    last_used_at: Timestamp | null;
    revoked_at: Timestamp | null;
  };
  login_failures: { id: Generated<number>; email: string; ip: string; failed_at: Timestamp };
  accounts: {
    id: Generated<string>;
    external_id: string | null;
    name: string;
    kind: Generated<'company' | 'person'>;
    lifecycle: Generated<Lifecycle>;
    owner_id: string | null;
    service_owner_id: string | null;
    tags: Generated<string[]>;
    interests: Generated<string[]>;
    billing: NullableJson;
    preferences: ColumnType<Record<string, unknown>, string | undefined, string>;
    snoozed_until: Timestamp | null;
    created_at: DefaultedTimestamp;
    updated_at: DefaultedTimestamp;
  };
  /** What the account search reads: one row per account, written only by triggers (0020_account_search_document.sql). */
  account_search: { account_id: string; name_key: string; document: string; phones: string };
  contacts: {
    account_id: string;
    id: Generated<string>;
    name: string;
    email: string | null;
    phone: string | null;
    title: string | null;
    postal_address: string | null;
    newsletter_consent: Generated<boolean>;
    consent_at: Timestamp | null;
    unsubscribed_at: Timestamp | null;
    created_at: DefaultedTimestamp;
  };
  products: {
    id: Generated<string>;
    sku: string;
    name: string;
    category: string | null;
    tags: Generated<string[]>;
    price: number;
    launched_at: Timestamp | null;
    active: Generated<boolean>;
    created_at: DefaultedTimestamp;
    getting_started_url: string | null;
  };
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
  deals: {
    account_id: string;
    id: Generated<string>;
    title: string;
    owner_id: string;
    value: Generated<number>;
    currency: Generated<string>;
    stage: Generated<DealStage>;
    status: Generated<DealStatus>;
    expected_close_on: string | null;
    closed_at: Timestamp | null;
    lost_reason: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
    /** The earliest planned touch's due date; kept by triggers on touches (0022). */
    next_step_at: ColumnType<Date | null, never, never>;
    /** The latest done touch's date; kept by triggers on touches (0022). */
    last_activity_at: ColumnType<Date | null, never, never>;
    stalled_since: ColumnType<Date, never, never>;
  };
  touches: {
    account_id: string;
    id: Generated<string>;
    kind: TouchKind;
    subject: string;
    notes: string | null;
    contact_id: string | null;
    deal_id: string | null;
    assignee_id: string | null;
    status: Generated<TouchStatus>;
    due_at: Timestamp | null;
    done_at: Timestamp | null;
    outcome: string | null;
    created_by: string | null;
    created_at: Timestamp;
    timeline_at: ColumnType<Date, never, never>;
    playbook_run_id: string | null;
    step_key: string | null;
    recurrence_days: number | null;
    snoozed_until: Timestamp | null;
    resets_on: TouchKind[] | null;
    planning_flag: PlanningFlag | null;
  };
  events: {
    id: Generated<number>;
    account_id: string | null;
    type: string;
    subject_id: string | null;
    actor_id: string | null;
    payload: Json;
    occurred_at: Timestamp;
    tx: ColumnType<string, never, never>;
  };
  audit_log: {
    id: Generated<number>;
    at: DefaultedTimestamp;
    actor_id: string | null;
    action: string;
    entity_type: string;
    entity_id: string | null;
    account_id: string | null;
    changes: Json;
    ip: string | null;
  };
  jobs: {
    id: Generated<number>;
    name: string;
    key: string | null;
    payload: Json;
    run_at: Timestamp;
    attempts: Generated<number>;
    status: Generated<'queued' | 'running' | 'done' | 'failed'>;
    locked_until: Timestamp | null;
    last_error: string | null;
    finished_at: Timestamp | null;
  };
};

export type Database = CoreTables & AnalyticsTables & PlaybookTables & ServiceTables & IntegrationTables & NotificationTables & FulfilmentTables;
