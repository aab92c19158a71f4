import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { AccountView, AccountSummary as ServerAccountSummary, TimelineItem as ServerTimelineItem } from '../../../../src/modules/accounts/index.ts';
import type { Jsonified } from '../../../../src/platform/json-types.ts';
import { apiRequest, type Page, withQuery } from '../../api.ts';

export type Lifecycle = 'prospect' | 'customer' | 'lost';

// The server's own types, as JSON: they cannot drift from what the API answers.
export type AccountSummary = Jsonified<ServerAccountSummary>;
export type Account = Jsonified<AccountView>;
export type Contact = Account['contacts'][number];
export type TimelineItem = Jsonified<ServerTimelineItem>;
export type TimelineKind = TimelineItem['kind'];

const ACCOUNTS_PAGE_SIZE = 50;
const TIMELINE_PAGE_SIZE = 20;

export const accountKeys = {
  all: ['accounts'] as const,
  list: (q: string) => ['accounts', 'list', { q }] as const,
  detail: (id: string) => ['accounts', 'detail', id] as const,
  timeline: (id: string) => ['accounts', 'detail', id, 'timeline'] as const,
};

export function useAccountList(q: string) {
  return useInfiniteQuery({
    queryKey: accountKeys.list(q),
    queryFn: ({ pageParam, signal }) =>
      apiRequest<Page<AccountSummary>>(
        withQuery('/api/v1/accounts', { q, limit: ACCOUNTS_PAGE_SIZE, cursor: pageParam }),
        { signal },
      ),
    // '' means "first page": withQuery drops empty values.
    initialPageParam: '',
    getNextPageParam: (lastPage) => lastPage.next,
    // Keep the current rows on screen while the next search runs, instead of flashing empty.
    placeholderData: keepPreviousData,
  });
}

export function useAccount(id: string) {
  return useQuery({
    queryKey: accountKeys.detail(id),
    queryFn: ({ signal }) =>
      apiRequest<Account>(`/api/v1/accounts/${encodeURIComponent(id)}`, { signal }),
  });
}

export function useAccountTimeline(id: string) {
  return useInfiniteQuery({
    queryKey: accountKeys.timeline(id),
    queryFn: ({ pageParam, signal }) =>
      apiRequest<Page<TimelineItem>>(
        withQuery(`/api/v1/accounts/${encodeURIComponent(id)}/timeline`, {
          limit: TIMELINE_PAGE_SIZE,
          cursor: pageParam,
        }),
        { signal },
      ),
    initialPageParam: '',
    getNextPageParam: (lastPage) => lastPage.next,
  });
}

export const lifecycleLabels: Record<Lifecycle, string> = {
  prospect: 'Prospect',
  customer: 'Customer',
  lost: 'Lost',
};
