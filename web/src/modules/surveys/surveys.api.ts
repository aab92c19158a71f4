import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type Page, withQuery } from '../../api.ts';

export type SurveyKind = 'nps' | 'csat';

export type SurveyMonth = { month: string; responses: number; promoters: number; passives: number; detractors: number; average: number; score: number | null };
export type SurveyReport = {
  kind: SurveyKind;
  summary: { responses: number; promoters: number; passives: number; detractors: number; score: number | null; invites: number; response_rate: number | null };
  months: SurveyMonth[];
};
export type Verbatim = { account_id: string; invite_id: string; account_name: string; survey_kind: SurveyKind; score: number; comment: string; answered_at: string };

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

export type SurveySent = { invite_id: string; touch: { id: string; subject: string } };
export type SendSurveyInput = { account_id: string; contact_id: string; kind: SurveyKind };

/** Invites one contact now: a survey touch on the timeline and an email queued with the answer link. */
export function useSendSurvey() {
  const queryClient = useQueryClient();
  return useMutation<SurveySent, Error, SendSurveyInput>({
    mutationFn: (body) => apiRequest<SurveySent>('/api/v1/surveys/invites', { method: 'POST', body }),
    onSuccess: (_, body) =>
      Promise.all([queryClient.invalidateQueries({ queryKey: ['surveys'] }), queryClient.invalidateQueries({ queryKey: ['accounts', 'detail', body.account_id] })]),
  });
}
