import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AccountScoreView,
  ClvDistributionView,
  CohortReportView,
  FitReportView,
  RfmGridView,
  ScoredAccountView,
  ScoringRequested,
} from '../../../../src/modules/analytics/index.ts';
import type { Jsonified } from '../../../../src/platform/json-types.ts';
import { ApiError, apiRequest, type Page, withQuery } from '../../api.ts';

/** Scores and reports as the server answers them: types from its own queries. */
export type AccountScoreAnswer = Jsonified<AccountScoreView>;
export type AccountScore = Extract<AccountScoreAnswer, { scored: true }>;
export type HealthFactor = AccountScore['health_factors'][number];
export type RfmGrid = Jsonified<RfmGridView>;
export type GridCell = RfmGrid['cells'][number];
export type ClvDistribution = Jsonified<ClvDistributionView>;
export type ClvBucket = ClvDistribution['buckets'][number];
export type CohortReport = Jsonified<CohortReportView>;
export type CohortPoint = CohortReport['cohorts'][number];
export type FitReport = Jsonified<FitReportView>;
export type ScoredAccount = Jsonified<ScoredAccountView>;

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

export const useRfmGrid = () => useReport<RfmGrid>('rfm-grid');
export const useClvDistribution = () => useReport<ClvDistribution>('clv-distribution');
export const useCohorts = () => useReport<CohortReport>('cohorts');
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
    mutationFn: () => apiRequest<Jsonified<ScoringRequested>>('/api/v1/analytics/score', { method: 'POST', body: {} }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: analyticsKeys.all }),
  });
}
