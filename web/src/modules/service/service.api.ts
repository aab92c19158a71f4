import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ExportFilterParams } from '../../../../src/modules/exports/index.ts';
import type {
  ChangedIssue,
  CreateIssueBody,
  IssueDetailView,
  IssueReplyBody,
  IssueSlaView,
  IssueView,
  ServiceStatsView,
} from '../../../../src/modules/issues/index.ts';
import type { Jsonified } from '../../../../src/platform/json-types.ts';
import { apiRequest, type Page, withQuery } from '../../api.ts';
import { everyServerValue } from '../../server-values.ts';
import type { BadgeTone } from '../../ui/badge.tsx';
import { type Account, accountKeys } from '../accounts/accounts.api.ts';
import type { Role } from '../auth/auth.api.ts';

/** Issues, SLAs and service figures as the server answers them: types from its own queries. */
export type Issue = Jsonified<IssueView>;
export type IssueDetail = Jsonified<IssueDetailView>;
export type IssueReply = IssueDetail['replies'][number];
export type ServiceStats = Jsonified<ServiceStatsView>;
export type ServiceFigures = ServiceStats['overall'];
export type Sla = Jsonified<IssueSlaView>;
export type Severity = Issue['severity'];
export type IssueStatus = Issue['status'];
export type SlaState = Issue['sla_state'];

/** Most pressing first, as the form and the SLA table list them. */
export const severities = everyServerValue<Severity>()(['urgent', 'high', 'normal', 'low']);

/** What the issue list shows: the work still to do, the SLA trouble in it, or everything. */
export type IssueFilter = 'unresolved' | 'breached' | 'at_risk' | 'all';
export const issueFilterLabels: Record<IssueFilter, string> = { unresolved: 'Unresolved', breached: 'SLA breached', at_risk: 'SLA at risk', all: 'All issues' };

export const severityLabels: Record<Severity, string> = { urgent: 'Urgent', high: 'High', normal: 'Normal', low: 'Low' };
export const statusLabels: Record<IssueStatus, string> = { new: 'New', open: 'Open', waiting: 'Waiting for customer', resolved: 'Resolved', closed: 'Closed' };
export const slaLabels: Record<SlaState, string> = { ok: 'Within SLA', at_risk: 'SLA at risk', breached: 'SLA breached' };
export const slaTones: Record<SlaState, BadgeTone> = { ok: 'success', at_risk: 'warning', breached: 'danger' };

/** The moves the API allows from each status; resolved or closed → open is a reopen. */
export const nextStatuses: Record<IssueStatus, IssueStatus[]> = {
  new: ['open', 'waiting', 'resolved'],
  open: ['waiting', 'resolved'],
  waiting: ['open', 'resolved'],
  resolved: ['closed', 'open'],
  closed: ['open'],
};

export const serviceKeys = {
  all: ['issues'] as const,
  list: (filter: IssueFilter, accountId: string) => ['issues', 'list', { filter, accountId }] as const,
  detail: (id: string) => ['issues', 'detail', id] as const,
  stats: ['issues', 'stats'] as const,
  slas: ['issues', 'slas'] as const,
};

/** Reassigning issues and editing SLAs is a lead's job, as the API enforces for SLAs. */
export const canManageService = (role: Role): boolean => role === 'manager' || role === 'admin';

/** The issue list's query for a filter; the CSV export takes the same. */
export function listQuery(filter: IssueFilter, accountId: string): ExportFilterParams['issues'] {
  const base = { account_id: accountId || undefined };
  if (filter === 'breached' || filter === 'at_risk') return { ...base, sla: filter };
  return filter === 'unresolved' ? { ...base, status: 'unresolved' } : base;
}

export function useIssues(filter: IssueFilter, accountId = '') {
  return useInfiniteQuery({
    queryKey: serviceKeys.list(filter, accountId),
    queryFn: ({ pageParam, signal }) =>
      apiRequest<Page<Issue>>(withQuery('/api/v1/issues', { ...listQuery(filter, accountId), limit: 50, cursor: pageParam }), { signal }),
    initialPageParam: '',
    getNextPageParam: (lastPage) => lastPage.next,
    placeholderData: keepPreviousData,
  });
}

export function useIssue(id: string) {
  return useQuery({ queryKey: serviceKeys.detail(id), queryFn: ({ signal }) => apiRequest<IssueDetail>(`/api/v1/issues/${encodeURIComponent(id)}`, { signal }) });
}

export function useServiceStats() {
  return useQuery({ queryKey: serviceKeys.stats, queryFn: ({ signal }) => apiRequest<ServiceStats>('/api/v1/service/stats', { signal }) });
}

/** Every change to an issue can move lists, stats and the account's timeline, so all of them refresh. */
function useIssueMutation<TBody, TResult>(request: (body: TBody) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation<TResult, Error, TBody>({
    mutationFn: request,
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: serviceKeys.all }), queryClient.invalidateQueries({ queryKey: ['accounts'] })]),
  });
}

export type NewIssue = CreateIssueBody;
export type { IssueReplyBody };
export const useReportIssue = () => useIssueMutation((body: NewIssue) => apiRequest<IssueDetail>('/api/v1/issues', { method: 'POST', body }));

/** Hands an issue to another service user; the API refuses anyone outside the service team. */
export const useReassignIssue = (id: string) =>
  useIssueMutation((assigneeId: string) => apiRequest<unknown>(`/api/v1/issues/${encodeURIComponent(id)}`, { method: 'PATCH', body: { assignee_id: assigneeId } }));

export const useReplyToIssue = (id: string) =>
  useIssueMutation((body: IssueReplyBody) => apiRequest<unknown>(`/api/v1/issues/${encodeURIComponent(id)}/replies`, { method: 'POST', body }));

export const useChangeIssueStatus = (id: string) =>
  useIssueMutation((status: IssueStatus) => apiRequest<Jsonified<ChangedIssue>>(`/api/v1/issues/${encodeURIComponent(id)}/status`, { method: 'POST', body: { status } }));

export function useSlas() {
  return useQuery({ queryKey: serviceKeys.slas, queryFn: async ({ signal }) => (await apiRequest<{ items: Sla[] }>('/api/v1/service/slas', { signal })).items });
}

export function useUpdateSla() {
  const queryClient = useQueryClient();
  return useMutation<Sla, Error, Sla>({
    mutationFn: ({ severity, ...body }) => apiRequest<Sla>(`/api/v1/service/slas/${encodeURIComponent(severity)}`, { method: 'PATCH', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: serviceKeys.slas }),
  });
}

/** The contacts of the account chosen in the new-issue form; shares the account page's cache entry. */
export function useAccountContacts(accountId: string) {
  return useQuery({
    queryKey: accountKeys.detail(accountId),
    queryFn: ({ signal }) => apiRequest<Account>(`/api/v1/accounts/${encodeURIComponent(accountId)}`, { signal }),
    enabled: accountId !== '',
    select: (account) => account.contacts,
  });
}

/** Minutes as a reader says them: "45 min", "3.5 h", "2.1 days". */
export function formatDuration(minutes: number | null): string {
  if (minutes === null) return '–';
  if (minutes < 90) return `${Math.round(minutes)} min`;
  if (minutes < 48 * 60) return `${(minutes / 60).toFixed(1)} h`;
  return `${(minutes / 1440).toFixed(1)} days`;
}

export const formatRate = (rate: number | null): string => (rate === null ? '–' : `${Math.round(rate * 100)} %`);
