import type { ColumnType, Generated } from 'kysely';

export type DealStage = 'lead' | 'qualified' | 'proposal' | 'negotiation';
export type DealStatus = 'open' | 'won' | 'lost';
type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** Owned by src/modules/deals. */
export type DealsTables = {
  deals: {
    account_id: string;
    id: Generated<string>;
    title: string;
    owner_id: string;
    value: Generated<number>;
    currency: Generated<string>;
    stage: Generated<DealStage>;
    status: Generated<DealStatus>;
    expected_close_on: string | null;
    closed_at: Timestamp | null;
    lost_reason: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
    /** The earliest planned touch's due date; kept by triggers on touches (0022). */
    next_step_at: ColumnType<Date | null, never, never>;
    /** The latest done touch's date; kept by triggers on touches (0022). */
    last_activity_at: ColumnType<Date | null, never, never>;
    stalled_since: ColumnType<Date, never, never>;
  };
};
