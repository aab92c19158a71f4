import { type InfiniteData, keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type Page, withQuery } from '../../api.ts';
import type { Role } from '../auth/auth.api.ts';
import type { AttentionGapView } from '../../../../src/modules/attention/index.ts';
import type { SnoozedAccountView } from '../../../../src/modules/me/index.ts';
import type { Jsonified } from '../../../../src/platform/json-types.ts';

// The server's own type, as JSON: it cannot drift from what the API answers.
export type AttentionGap = Jsonified<AttentionGapView>;
export type AttentionReason = AttentionGap['reasons'][number];

export type AttentionFilter = { days: number; ownerId: string };

export const attentionDays = [30, 60, 90] as const;
export const ACCOUNT_SNOOZE_DAYS = 30;
const PAGE_SIZE = 50;

/** The API answers 403 to everyone else; the nav and the page ask this instead of trying. */
export const canSeeAttention = (role: Role): boolean => role === 'manager' || role === 'admin';

export const attentionKeys = {
  all: ['attention'] as const,
  list: (filter: AttentionFilter) => ['attention', 'list', filter] as const,
};

export function useAttention(filter: AttentionFilter, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: attentionKeys.list(filter),
    queryFn: ({ pageParam, signal }) =>
      apiRequest<Page<AttentionGap>>(
        withQuery('/api/v1/attention', { days: filter.days, owner_id: filter.ownerId, limit: PAGE_SIZE, cursor: pageParam }),
        { signal },
      ),
    initialPageParam: '',
    getNextPageParam: (lastPage) => lastPage.next,
    placeholderData: keepPreviousData,
    enabled,
  });
}

type SnoozeResult = Jsonified<SnoozedAccountView>;

export function useSnoozeAccount(onSnoozed: (accountId: string) => void) {
  const queryClient = useQueryClient();
  return useMutation<SnoozeResult, Error, string>({
    mutationFn: (accountId) =>
      apiRequest<SnoozeResult>(`/api/v1/accounts/${encodeURIComponent(accountId)}/snooze`, {
        method: 'POST',
        body: { days: ACCOUNT_SNOOZE_DAYS },
      }),
    onSuccess: (_result, accountId) => {
      onSnoozed(accountId);
      // A snoozed account leaves every filtered list at once; a later refetch confirms it.
      queryClient.setQueriesData<InfiniteData<Page<AttentionGap>>>({ queryKey: attentionKeys.all }, (data) =>
        data
          ? { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.filter((gap) => gap.account_id !== accountId) })) }
          : data,
      );
      return queryClient.invalidateQueries({ queryKey: attentionKeys.all, refetchType: 'none' });
    },
  });
}

export const reasonLabel = (reason: AttentionReason, days: number): string =>
  reason === 'no_touch' ? `No touch in ${days} days` : 'No next touch planned';
