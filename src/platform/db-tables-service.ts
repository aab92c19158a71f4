import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type IssueSeverity = 'low' | 'normal' | 'high' | 'urgent';
export type IssueStatus = 'new' | 'open' | 'waiting' | 'resolved' | 'closed';
export type IssueChannel = 'web' | 'api' | 'email' | 'phone';
export type SurveyKind = 'nps' | 'csat';
export type ReferralStatus = 'new' | 'contacted' | 'deal' | 'won' | 'lost';
export type GoalStatus = 'open' | 'achieved' | 'dropped';

/** Tables of service issues, surveys, referrals and goals (db/migrations/0004_service.sql). */
export type ServiceTables = {
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
  surveys: { kind: SurveyKind; name: string; question: string; min_score: number; max_score: number };
  survey_invites: {
    account_id: string;
    id: string;
    survey_kind: SurveyKind;
    contact_id: string | null;
    touch_id: string | null;
    issue_id: string | null;
    token_hash: string;
    created_at: Timestamp;
    expires_at: Timestamp;
    answered_at: Timestamp | null;
  };
  survey_responses: {
    account_id: string;
    invite_id: string;
    survey_kind: SurveyKind;
    score: number;
    comment: string | null;
    answered_at: Timestamp;
  };
  referral_links: {
    account_id: string;
    id: string;
    contact_id: string | null;
    touch_id: string | null;
    token_hash: string;
    created_at: Timestamp;
    expires_at: Timestamp;
    used_at: Timestamp | null;
  };
  referrals: {
    account_id: string;
    id: Generated<string>;
    referrer_contact_id: string | null;
    link_id: string | null;
    name: string;
    email: string | null;
    company: string | null;
    note: string | null;
    referred_account_id: string;
    deal_id: string | null;
    status: Generated<ReferralStatus>;
    attributed_revenue: Generated<number>;
    won_at: Timestamp | null;
    thank_touch_id: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
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
