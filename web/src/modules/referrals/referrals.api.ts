import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type Page, withQuery } from '../../api.ts';
import type { BadgeTone } from '../../ui/badge.tsx';
import type { AskForReferralsBody, ReferralAskedView, ReferralStatsView, ReferralView, UpdateReferralInput } from '../../../../src/modules/referrals/index.ts';
import type { Jsonified } from '../../../../src/platform/json-types.ts';

// The server's own types, as JSON: they cannot drift from what the API answers.
export type Referral = Jsonified<ReferralView>;
export type ReferralStatus = Referral['status'];
export type ReferralStats = Jsonified<ReferralStatsView>;

export const referralStatusLabels: Record<ReferralStatus, string> = { new: 'New', contacted: 'Contacted', deal: 'In a deal', won: 'Won', lost: 'Lost' };
export const referralStatusTones: Record<ReferralStatus, BadgeTone> = { new: 'info', contacted: 'neutral', deal: 'warning', won: 'success', lost: 'danger' };

export function useReferralStats() {
  return useQuery({ queryKey: ['referrals', 'stats'], queryFn: ({ signal }) => apiRequest<ReferralStats>('/api/v1/referrals/stats', { signal }) });
}

export function useReferrals() {
  return useInfiniteQuery({
    queryKey: ['referrals', 'list'],
    queryFn: ({ pageParam, signal }) => apiRequest<Page<Referral>>(withQuery('/api/v1/referrals', { limit: 50, cursor: pageParam }), { signal }),
    initialPageParam: '',
    getNextPageParam: (lastPage) => lastPage.next,
  });
}

export function useSetReferralStatus() {
  const queryClient = useQueryClient();
  return useMutation<Referral, Error, UpdateReferralInput & { id: string }>({
    mutationFn: ({ id, status }) => apiRequest<Referral>(`/api/v1/referrals/${encodeURIComponent(id)}`, { method: 'PATCH', body: { status } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['referrals'] }),
  });
}

export type ReferralAsked = Jsonified<ReferralAskedView>;
export type AskForReferralsInput = AskForReferralsBody;

/** Asks one contact now: a referral-ask touch and an email queued with the referral form link. */
export function useAskForReferrals() {
  const queryClient = useQueryClient();
  return useMutation<ReferralAsked, Error, AskForReferralsInput>({
    mutationFn: (body) => apiRequest<ReferralAsked>('/api/v1/referrals/ask', { method: 'POST', body }),
    onSuccess: (_, body) => queryClient.invalidateQueries({ queryKey: ['accounts', 'detail', body.account_id] }),
  });
}
