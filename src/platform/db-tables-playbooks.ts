import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type JsonIn<T> = ColumnType<T, string, string>;

export type MessageStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'suppressed';

/** Tables of the playbooks, the email outbox and the event cursors (db/migrations/0002_playbooks.sql). */
export type PlaybookTables = {
  event_cursors: {
    consumer: string;
    last_tx: ColumnType<string, string | undefined, string>;
    last_id: ColumnType<number, number | undefined, number>;
    updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  };
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
  messages: {
    account_id: string | null;
    id: Generated<string>;
    idempotency_key: string;
    touch_id: string | null;
    contact_id: string | null;
    user_id: string | null;
    to_email: string;
    subject: string;
    body_text: string;
    unsubscribe_url: string | null;
    status: Generated<MessageStatus>;
    send_after: Timestamp;
    attempts: Generated<number>;
    locked_until: Timestamp | null;
    sent_at: Timestamp | null;
    error: string | null;
    created_at: ColumnType<Date, Date | string | undefined, Date | string>;
    reply_as: 'owner' | 'service_owner' | null;
  };
  settings: { key: string; value: string };
  mentions: {
    account_id: string;
    id: Generated<string>;
    source: string;
    title: string;
    url: string | null;
    published_at: Timestamp;
    created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  };
};
