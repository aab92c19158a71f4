import type { ColumnType, Generated } from 'kysely';

export const notificationKinds = ['assigned', 'detractor', 'import_failed', 'webhook_failing'] as const;
export type NotificationKind = (typeof notificationKinds)[number];
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Owned by src/modules/notifications. */
export type NotificationsTables = {
  notifications: {
    id: Generated<string>;
    user_id: string;
    account_id: string | null;
    source_event_id: number;
    kind: NotificationKind;
    title: string;
    body: string | null;
    link: string;
    created_at: DefaultedTimestamp;
    read_at: Date | null;
  };
};
