import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Json = JSONColumnType<Record<string, unknown>>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Owned by src/platform (events, audit, jobs, migrations, settings, event cursors). */
export type PlatformTables = {
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
  schema_migrations: { name: string; applied_at: DefaultedTimestamp };
  settings: { key: string; value: string };
  event_cursors: {
    consumer: string;
    last_tx: ColumnType<string, string | undefined, string>;
    last_id: ColumnType<number, number | undefined, number>;
    updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  };
};
