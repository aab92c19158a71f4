import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SendSurveyInput, SurveyReportView, SurveySentView, VerbatimView } from '../../../../src/modules/surveys/index.ts';
import type { Jsonified } from '../../../../src/platform/json-types.ts';
import { apiRequest, type Page, withQuery } from '../../api.ts';

/** Survey figures as the server answers them: types from its own queries. */
export type SurveyReport = Jsonified<SurveyReportView>;
export type SurveyMonth = SurveyReport['months'][number];
export type SurveyKind = SurveyReport['kind'];
export type Verbatim = Jsonified<VerbatimView>;

export const kindLabels: Record<SurveyKind, string> = { nps: 'NPS', csat: 'CSAT' };

export function useSurveyReport(kind: SurveyKind) {
  return useQuery({
    queryKey: ['surveys', 'report', kind],
    queryFn: ({ signal }) => apiRequest<SurveyReport>(withQuery('/api/v1/surveys/report', { kind }), { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useVerbatims(kind: SurveyKind) {
  return useInfiniteQuery({
    queryKey: ['surveys', 'verbatims', kind],
    queryFn: ({ pageParam, signal }) => apiRequest<Page<Verbatim>>(withQuery('/api/v1/surveys/verbatims', { kind, limit: 20, cursor: pageParam }), { signal }),
    initialPageParam: '',
    getNextPageParam: (lastPage) => lastPage.next,
    placeholderData: keepPreviousData,
  });
}

export type SurveySent = Jsonified<SurveySentView>;
export type { SendSurveyInput };

/** Invites one contact now: a survey touch on the timeline and an email queued with the answer link. */
export function useSendSurvey() {
  const queryClient = useQueryClient();
  return useMutation<SurveySent, Error, SendSurveyInput>({
    mutationFn: (body) => apiRequest<SurveySent>('/api/v1/surveys/invites', { method: 'POST', body }),
    onSuccess: (_, body) =>
      Promise.all([queryClient.invalidateQueries({ queryKey: ['surveys'] }), queryClient.invalidateQueries({ queryKey: ['accounts', 'detail', body.account_id] })]),
  });
}
