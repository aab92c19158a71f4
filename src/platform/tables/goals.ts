import type { ColumnType, Generated } from 'kysely';

export type GoalStatus = 'open' | 'achieved' | 'dropped';
type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** Owned by src/modules/goals. */
export type GoalsTables = {
  goals: {
    account_id: string;
    id: Generated<string>;
    text: string;
    measure: string | null;
    target_on: string | null;
    status: Generated<GoalStatus>;
    achieved_at: Timestamp | null;
    review_touch_id: string | null;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
};
