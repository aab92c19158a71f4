import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { apiRequest, type Page, withQuery } from '../../api.ts';

export type Lifecycle = 'prospect' | 'customer' | 'lost';

export type AccountSummary = {
  id: string;
  name: string;
  kind: 'company' | 'person';
  lifecycle: Lifecycle;
  owner_id: string | null;
  owner_name: string | null;
  service_owner_id: string | null;
  service_owner_name: string | null;
  tags: string[];
  last_order_at: string | null;
  created_at: string;
};

export type Contact = {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  title: string | null;
};

export type Account = AccountSummary & {
  interests: string[];
  billing: Record<string, unknown> | null;
  contacts: Contact[];
};

export type TimelineKind = 'touch' | 'order' | 'deal' | 'event';

export type TimelineItem = {
  kind: TimelineKind;
  id: string;
  at: string;
  title: string;
  detail: string | null;
  status: string | null;
};

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
