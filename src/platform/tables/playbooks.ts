import type { ColumnType, Generated } from 'kysely';

type JsonIn<T> = ColumnType<T, string, string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** Owned by src/modules/playbooks. */
export type PlaybooksTables = {
  playbooks: {
    id: Generated<string>;
    key: string | null;
    name: string;
    description: Generated<string>;
    trigger: string;
    trigger_config: JsonIn<Record<string, unknown>>;
    steps: JsonIn<unknown[]>;
    enabled: Generated<boolean>;
    version: Generated<number>;
    created_at: ColumnType<Date, Date | string | undefined, Date | string>;
    updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  };
  playbook_runs: {
    account_id: string;
    id: Generated<string>;
    playbook_id: string;
    playbook_version: number;
    trigger_key: string;
    event_id: number | null;
    steps: JsonIn<unknown[]>;
    started_at: Timestamp;
  };
};
