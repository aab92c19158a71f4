import type { ColumnType, Generated } from 'kysely';

/** jsonb read as parsed JSON, written as a JSON string. */
type JsonColumn<T> = ColumnType<T, string, string>;
type NullableJsonColumn<T> = ColumnType<T | null, string | null | undefined, string | null>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export const rfmSegments = [
  'champions',
  'loyal',
  'new',
  'promising',
  'need_attention',
  'at_risk',
  'cant_lose',
  'hibernating',
  'lost',
] as const;
export type RfmSegment = (typeof rfmSegments)[number];

export type HealthFactorKey = 'order_rhythm' | 'touch_recency' | 'p_alive' | 'service_issues' | 'last_nps' | 'late_orders';
export type HealthWeights = Partial<Record<HealthFactorKey, number>>;

/**
 * One factor of a health score as assessed; src/modules/analytics/health.ts assesses it again from
 * the score row and the settings of the run, and turns it into a sentence.
 */
export type HealthFactor = {
  key: HealthFactorKey;
  /** 0–100, or null when the factor does not apply to this account (its weight is then spread). */
  score: number | null;
  weight: number;
  /** Points this factor added to the health score. */
  points: number;
  /** What the account was compared with: for order_rhythm, the usual gap in days. */
  reference?: number;
  /** service_issues: the issues open at the as-of date, and how many of them were past their SLA. */
  open_issues?: { open: number; breached: number };
  /** last_nps: the account's last NPS answer (0–10) and how many days before the as-of date it came. */
  last_nps?: { score: number; days_ago: number };
  /** late_orders: unshipped orders past their ship-by date at scoring time, and how late the oldest is. */
  late_orders?: { late: number; days_late: number };
};

/** The settings a run scored with, as copied into scoring_runs.settings. */
export type ScoringSettings = {
  health_weights: HealthWeights;
  lateness_factor: number;
  touch_fresh_days: number;
  touch_stale_days: number;
  clv_horizon_months: number;
  clv_monthly_discount_rate: number;
  issue_open_penalty: number;
  issue_breached_penalty: number;
  nps_max_age_days: number;
};

export type HoldoutCheck =
  | {
      calibration_end: string;
      holdout_days: number;
      customers: number;
      predicted_repeat_orders: number;
      actual_repeat_orders: number;
    }
  | { skipped: string };
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Owned by src/modules/analytics. */
export type AnalyticsTables = {
  analytics_settings: {
    id: Generated<boolean>;
    health_weights: JsonColumn<HealthWeights>;
    lateness_factor: number;
    touch_fresh_days: number;
    touch_stale_days: number;
    clv_horizon_months: number;
    clv_monthly_discount_rate: number;
    issue_open_penalty: number;
    issue_breached_penalty: number;
    nps_max_age_days: number;
    updated_at: DefaultedTimestamp;
  };
  scoring_runs: {
    id: Generated<number>;
    as_of: string;
    status: Generated<'running' | 'done' | 'failed'>;
    started_at: Timestamp;
    heartbeat_at: Timestamp;
    finished_at: Timestamp | null;
    accounts: Generated<number>;
    message: string | null;
    settings: JsonColumn<ScoringSettings>;
  };
  model_fits: {
    id: Generated<number>;
    run_id: number;
    model: 'bgnbd' | 'gammagamma';
    unit: Generated<string>;
    params: JsonColumn<Record<string, number>>;
    standard_errors: JsonColumn<Record<string, number | null>>;
    ll: number;
    customers: number;
    iterations: number;
    fit_ms: number;
    holdout_check: NullableJsonColumn<HoldoutCheck>;
    created_at: Timestamp;
  };
  cohort_retention: {
    run_id: number;
    cohort: string;
    period: number;
    customers: number;
    active: number;
  };
  /** Per account, its purchase days, gaps and spend over all its orders, and what they were computed from (0034). */
  account_order_stats: {
    account_id: string;
    orders: number;
    spend: number;
    placed_seconds: number;
    spend_days: number;
    first_order_on: string;
    last_order_on: string;
    order_days: number;
    repeat_spend_mean: number;
    median_latency_days: number | null;
    mean_latency_days: number | null;
    quarters: number[];
  };
  account_scores: {
    account_id: string;
    as_of: string;
    run_id: number;
    first_order_on: string;
    last_order_on: string;
    orders: number;
    order_days: number;
    recency_days: number;
    monetary: number;
    repeat_spend_mean: number;
    r_score: number;
    f_score: number;
    m_score: number;
    segment: RfmSegment;
    median_latency_days: number | null;
    mean_latency_days: number | null;
    next_expected_order_on: string | null;
    late: boolean;
    days_since_touch: number | null;
    p_alive: number | null;
    expected_purchases_90d: number | null;
    expected_spend: number | null;
    clv: number | null;
    health: number;
    /** What the health factors read besides the columns above (0034): the account page explains the factors from them. */
    rhythm_reference: number | null;
    open_issues: Defaulted<number>;
    breached_issues: Defaulted<number>;
    last_nps: number | null;
    last_nps_days: number | null;
    late_orders: Defaulted<number>;
    days_late: Defaulted<number>;
    scored_at: Timestamp;
  };
};
