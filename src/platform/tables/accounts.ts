import type { ColumnType, Generated } from 'kysely';

export type Lifecycle = 'prospect' | 'customer' | 'lost';
type NullableJson = ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Owned by src/modules/accounts. */
export type AccountsTables = {
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
  /** Which account holds each external id, keyed by its name-based UUID (0036_account_external_ids.sql, decision 0041). */
  account_external_ids: { key: string; external_id: string; account_id: string };
};
