import type { ColumnType, Generated } from 'kysely';

export type TouchStatus = 'planned' | 'done' | 'skipped' | 'cancelled';
/** Why the planner placed a touch against the rules: a no-slack task on a full day, or a slack task after its window. */
export type PlanningFlag = 'over_capacity' | 'past_window';

export const touchKinds = [
  'call',
  'meeting',
  'email',
  'card',
  'survey',
  'check_in',
  'management_call',
  'clipping',
  'referral_ask',
  'task',
  'note',
] as const;
export type TouchKind = (typeof touchKinds)[number];
type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** Owned by src/modules/touches. */
export type TouchesTables = {
  touches: {
    account_id: string;
    id: Generated<string>;
    kind: TouchKind;
    subject: string;
    notes: string | null;
    contact_id: string | null;
    deal_id: string | null;
    assignee_id: string | null;
    status: Generated<TouchStatus>;
    due_at: Timestamp | null;
    done_at: Timestamp | null;
    outcome: string | null;
    created_by: string | null;
    created_at: Timestamp;
    timeline_at: ColumnType<Date, never, never>;
    playbook_run_id: string | null;
    step_key: string | null;
    recurrence_days: number | null;
    snoozed_until: Timestamp | null;
    resets_on: TouchKind[] | null;
    planning_flag: PlanningFlag | null;
    window_from: Timestamp | null;
    window_until: Timestamp | null;
  };
};
