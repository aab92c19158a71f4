import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AccountList as ServerAccountList,
  AccountView,
  CreatedAccountView,
  CreateAccountInput as ServerCreateAccountInput,
  ListAccountsQuery,
  AccountSummary as ServerAccountSummary,
  TimelineItem as ServerTimelineItem,
  UpdateAccountInput as ServerUpdateAccountInput,
} from '../../../../src/modules/accounts/index.ts';
import type { UpdateContactInput as ServerUpdateContactInput } from '../../../../src/modules/contacts/index.ts';
import type { LogTouchInput as ServerLogTouchInput, PlanTouchInput as ServerPlanTouchInput } from '../../../../src/modules/touches/index.ts';
import type { Jsonified } from '../../../../src/platform/json-types.ts';
import { apiRequest, type Page, withQuery } from '../../api.ts';

// The server's own types, as JSON: they cannot drift from what the API answers or accepts.
export type AccountSummary = Jsonified<ServerAccountSummary>;
export type Lifecycle = AccountSummary['lifecycle'];
export type Account = Jsonified<AccountView>;
export type Contact = Account['contacts'][number];
export type TimelineItem = Jsonified<ServerTimelineItem>;
export type TimelineType = TimelineItem['type'];
type AccountList = Jsonified<ServerAccountList>;
export type AccountInput = Jsonified<ServerCreateAccountInput>;
export type AccountChange = Jsonified<ServerUpdateAccountInput>;
export type ContactChange = Jsonified<ServerUpdateContactInput>;
export type LogTouchInput = Jsonified<ServerLogTouchInput>;
export type PlanTouchInput = Jsonified<ServerPlanTouchInput>;
/** What the list page filters and sorts by; the page itself is asked for separately. */
export type AccountFilters = Partial<Omit<Jsonified<ListAccountsQuery>, 'limit' | 'cursor' | 'no_next_touch'>> & { no_next_touch?: boolean };
export type AccountSort = NonNullable<AccountFilters['sort']>;
export type HealthBand = NonNullable<AccountFilters['health']>;
export type Segment = NonNullable<AccountFilters['segment']>;

const ACCOUNTS_PAGE_SIZE = 50;
const TIMELINE_PAGE_SIZE = 20;

export const accountKeys = {
  all: ['accounts'] as const,
  list: (filters: AccountFilters) => ['accounts', 'list', filters] as const,
  detail: (id: string) => ['accounts', 'detail', id] as const,
  // Without a type: the whole timeline, and the prefix of every filtered one (to refresh them all).
  timeline: (id: string, type?: TimelineType) => (type ? (['accounts', 'detail', id, 'timeline', type] as const) : (['accounts', 'detail', id, 'timeline'] as const)),
};

export function useAccountList(filters: AccountFilters) {
  return useInfiniteQuery({
    queryKey: accountKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      apiRequest<AccountList>(
        withQuery('/api/v1/accounts', {
          ...filters,
          no_next_touch: filters.no_next_touch ? 'true' : undefined,
          limit: ACCOUNTS_PAGE_SIZE,
          cursor: pageParam,
        }),
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
    queryFn: ({ signal }) => apiRequest<Account>(`/api/v1/accounts/${encodeURIComponent(id)}`, { signal }),
  });
}

export function useAccountTimeline(id: string, type?: TimelineType) {
  return useInfiniteQuery({
    queryKey: accountKeys.timeline(id, type),
    queryFn: ({ pageParam, signal }) =>
      apiRequest<Page<TimelineItem>>(
        withQuery(`/api/v1/accounts/${encodeURIComponent(id)}/timeline`, { type, limit: TIMELINE_PAGE_SIZE, cursor: pageParam }),
        { signal },
      ),
    initialPageParam: '',
    getNextPageParam: (lastPage) => lastPage.next,
  });
}

export function useCreateAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AccountInput) => apiRequest<Jsonified<CreatedAccountView>>('/api/v1/accounts', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['accounts', 'list'] }),
  });
}

export function useUpdateAccount(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AccountChange) => apiRequest(`/api/v1/accounts/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: accountKeys.all }),
  });
}

export function useDeleteAccount(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<undefined>(`/api/v1/accounts/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['accounts', 'list'] }),
  });
}

/** Saves a new contact (no id) or changes to one, then reloads the account that lists them. */
export function useSaveContact(accountId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: ContactChange }) =>
      id
        ? apiRequest(`/api/v1/contacts/${encodeURIComponent(id)}`, { method: 'PATCH', body })
        : apiRequest('/api/v1/contacts', { method: 'POST', body: { ...body, account_id: accountId } }),
    onSuccess: () => client.invalidateQueries({ queryKey: accountKeys.detail(accountId) }),
  });
}

/** Logs what happened (`log`) or plans what comes next (`plan`) on an account; the timeline and My day follow. */
export function useRecordTouch(accountId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: { type: 'log'; body: LogTouchInput } | { type: 'plan'; body: PlanTouchInput }) =>
      apiRequest(action.type === 'log' ? '/api/v1/touches/log' : '/api/v1/touches', { method: 'POST', body: action.body }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: accountKeys.detail(accountId) });
      await client.invalidateQueries({ queryKey: ['deals'] });
      await client.invalidateQueries({ queryKey: ['me'] });
    },
  });
}

export const lifecycleLabels: Record<Lifecycle, string> = {
  prospect: 'Prospect',
  customer: 'Customer',
  lost: 'Lost',
};

export const sortLabels: Record<AccountSort, string> = {
  name: 'Name',
  last_order: 'Last order',
  health: 'Health (weakest first)',
  owner: 'Owner',
};

export const healthBandLabels: Record<HealthBand, string> = { healthy: 'Healthy (70+)', watch: 'Watch (40–69)', at_risk: 'At risk (under 40)' };

export const segmentLabels: Record<Segment, string> = {
  champions: 'Champions',
  loyal: 'Loyal',
  new: 'New',
  promising: 'Promising',
  need_attention: 'Need attention',
  at_risk: 'At risk',
  cant_lose: 'Can’t lose',
  hibernating: 'Hibernating',
  lost: 'Lost',
};
