import type { ColumnType, Generated } from 'kysely';

/** The bell's notifications and the company settings (db/migrations/0019_notifications_company.sql). */
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export const notificationKinds = ['assigned', 'detractor', 'import_failed', 'webhook_failing'] as const;
export type NotificationKind = (typeof notificationKinds)[number];
export const logoTypes = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
export type LogoType = (typeof logoTypes)[number];

export type NotificationTables = {
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
  company_settings: {
    id: Generated<boolean>;
    business_name: Generated<string>;
    reply_to: string | null;
    default_currency: Generated<string>;
    logo_url: string | null;
    logo_type: LogoType | null;
    /** An uploaded logo, base64; served at /company/logo with its type. */
    logo_base64: string | null;
    updated_at: DefaultedTimestamp;
    updated_by: string | null;
  };
};
