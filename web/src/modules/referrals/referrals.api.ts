import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type Page, withQuery } from '../../api.ts';
import type { BadgeTone } from '../../ui/badge.tsx';

export type ReferralStatus = 'new' | 'contacted' | 'deal' | 'won' | 'lost';

export type Referral = {
  id: string;
  account_id: string;
  referrer_name: string;
  name: string;
  email: string | null;
  company: string | null;
  status: ReferralStatus;
  referred_account_id: string;
  referred_account_name: string;
  owner_name: string | null;
  attributed_revenue: number;
  created_at: string;
};

export type ReferralStats = {
  totals: { referrals: number; won: number; lost: number; open: number; revenue: number; referrers: number; conversion_rate: number | null };
  leaderboard: { account_id: string; account_name: string; referrals: number; won: number; revenue: number }[];
};

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
  return useMutation<Referral, Error, { id: string; status: 'contacted' | 'deal' | 'lost' }>({
    mutationFn: ({ id, status }) => apiRequest<Referral>(`/api/v1/referrals/${encodeURIComponent(id)}`, { method: 'PATCH', body: { status } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['referrals'] }),
  });
}

export type ReferralAsked = { id: string; subject: string };
export type AskForReferralsInput = { account_id: string; contact_id: string };

/** Asks one contact now: a referral-ask touch and an email queued with the referral form link. */
export function useAskForReferrals() {
  const queryClient = useQueryClient();
  return useMutation<ReferralAsked, Error, AskForReferralsInput>({
    mutationFn: (body) => apiRequest<ReferralAsked>('/api/v1/referrals/ask', { method: 'POST', body }),
    onSuccess: (_, body) => queryClient.invalidateQueries({ queryKey: ['accounts', 'detail', body.account_id] }),
  });
}
