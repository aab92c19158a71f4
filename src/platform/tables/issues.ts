import type { ColumnType, Generated } from 'kysely';

export type IssueSeverity = 'low' | 'normal' | 'high' | 'urgent';
export type IssueStatus = 'new' | 'open' | 'waiting' | 'resolved' | 'closed';
export type IssueChannel = 'web' | 'api' | 'email' | 'phone';
type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** Owned by src/modules/issues. */
export type IssuesTables = {
  issue_slas: {
    severity: IssueSeverity;
    first_response_hours: number;
    resolution_hours: number;
    updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  };
  issues: {
    account_id: string;
    id: Generated<string>;
    title: string;
    description: Generated<string>;
    severity: IssueSeverity;
    status: Generated<IssueStatus>;
    channel: Generated<IssueChannel>;
    contact_id: string | null;
    assignee_id: string | null;
    created_by: string | null;
    first_response_due_at: Timestamp;
    resolution_due_at: Timestamp;
    first_response_at: Timestamp | null;
    resolved_at: Timestamp | null;
    resolved_by: ColumnType<string | null, string | null | undefined, string | null>;
    closed_at: Timestamp | null;
    customer_contacts: Generated<number>;
    reopened_count: Generated<number>;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  issue_touches: { account_id: string; issue_id: string; touch_id: string; customer_contact: boolean };
};
