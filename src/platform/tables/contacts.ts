import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Owned by src/modules/contacts. */
export type ContactsTables = {
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
};
