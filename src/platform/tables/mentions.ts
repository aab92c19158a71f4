import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** Owned by src/modules/mentions. */
export type MentionsTables = {
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
