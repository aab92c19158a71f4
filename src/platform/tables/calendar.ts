import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** Owned by src/modules/calendar. */
export type CalendarTables = {
  calendar_feeds: {
    id: Generated<string>;
    user_id: string;
    token_hash: string;
    created_at: Timestamp;
    revoked_at: Timestamp | null;
  };
};
