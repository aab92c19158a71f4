import type { ColumnType, Generated } from 'kysely';

export type MessageStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'suppressed';
type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** Owned by src/modules/messages. */
export type MessagesTables = {
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
};
