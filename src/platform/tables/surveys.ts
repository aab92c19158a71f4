import type { ColumnType } from 'kysely';

export type SurveyKind = 'nps' | 'csat';
type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** Owned by src/modules/surveys. */
export type SurveysTables = {
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
};
