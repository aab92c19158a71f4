import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiRequest, type Page, withQuery } from '../../api.ts';

export type HealthFactor = {
  key: string;
  label: string;
  score: number | null;
  weight: number;
  points: number;
  detail: string;
  /** service_issues only: the issues open at the as-of date and how many were past their SLA. */
  open_issues?: { open: number; breached: number };
  /** last_nps only, when the account answered: the score (0–10) and its age in days at the as-of date. */
  last_nps?: { score: number; days_ago: number };
};

export type AccountScore = {
  as_of: string;
  segment: string;
  segment_label: string;
  r_score: number;
  f_score: number;
  m_score: number;
  orders: number;
  monetary: number;
  recency_days: number;
  median_latency_days: number | null;
  next_expected_order_on: string | null;
  late: boolean;
  p_alive: number | null;
  expected_purchases_90d: number | null;
  clv: number | null;
  health: number;
  health_factors: HealthFactor[];
};

export type GridCell = { r: number; f: number; segment: string; segment_label: string; accounts: number; revenue: number };
export type ClvBucket = { from: number; to: number | null; accounts: number };
export type CohortPoint = { cohort: string; period: number; customers: number; active: number; retention: number };
export type FitReport = {
  run: { id: number; as_of: string; finished_at: string; accounts: number; message: string | null };
  clv_fitted: boolean;
  models: { model: string; params: Record<string, number>; ll: number; customers: number; fit_ms: number }[];
};
export type ScoredAccount = {
  account_id: string;
  account_name: string;
  owner_name: string | null;
  segment_label: string;
  health: number;
  clv: number | null;
  monetary: number;
  last_order_on: string;
  next_expected_order_on: string | null;
  recency_days: number;
  median_latency_days: number | null;
};

export const analyticsKeys = {
  all: ['analytics'] as const,
  report: (name: string) => ['analytics', name] as const,
  accountScore: (id: string) => ['analytics', 'account', id] as const,
};

function useReport<T>(name: string) {
  return useQuery({
    queryKey: analyticsKeys.report(name),
    queryFn: ({ signal }) => apiRequest<T>(`/api/v1/analytics/${name}`, { signal }),
    // "No scores yet" is an answer to show, not a hiccup to retry.
    retry: (count, error) => !(error instanceof ApiError && error.status === 404) && count < 2,
  });
}

export const useRfmGrid = () => useReport<{ as_of: string; cells: GridCell[] }>('rfm-grid');
export const useClvDistribution = () => useReport<{ as_of: string; buckets: ClvBucket[] }>('clv-distribution');
export const useCohorts = () => useReport<{ as_of: string; cohorts: CohortPoint[] }>('cohorts');
export const useFitReport = () => useReport<FitReport>('fit');

const SLIPPING_PAGE_SIZE = 25;

/** Late customers (past their own rhythm by the lateness factor), most valuable first. */
export function useSlippingAccounts() {
  return useInfiniteQuery({
    queryKey: analyticsKeys.report('slipping'),
    queryFn: ({ pageParam, signal }) =>
      apiRequest<Page<ScoredAccount>>(withQuery('/api/v1/analytics/accounts', { late: true, limit: SLIPPING_PAGE_SIZE, cursor: pageParam }), { signal }),
    initialPageParam: '',
    getNextPageParam: (lastPage) => lastPage.next,
  });
}

/** An account's score, or why it has none yet (a prospect, or no scoring run since its first order). */
export type AccountScoreAnswer = ({ scored: true } & AccountScore) | { scored: false; message: string };

export function useAccountScore(accountId: string) {
  return useQuery({
    queryKey: analyticsKeys.accountScore(accountId),
    queryFn: ({ signal }) => apiRequest<AccountScoreAnswer>(`/api/v1/accounts/${encodeURIComponent(accountId)}/score`, { signal }),
    retry: (count, error) => !(error instanceof ApiError && error.status === 404) && count < 2,
  });
}

export function useRequestScoring() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<{ job_id: number; as_of: string; status: string }>('/api/v1/analytics/score', { method: 'POST', body: {} }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: analyticsKeys.all }),
  });
}
