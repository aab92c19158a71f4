import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { AuditRow, AuditVocabularyView } from '../../../../src/modules/audit/index.ts';
import type { Jsonified } from '../../../../src/platform/json-types.ts';
import { apiRequest, type Page, withQuery } from '../../api.ts';
import type { Role } from '../auth/auth.api.ts';
import { fieldLabel } from './audit-labels.ts';

export type AuditEntry = Jsonified<AuditRow>;

export type AuditFilter = { actorId: string; action: string; entityType: string; from: string; to: string };

const PAGE_SIZE = 50;

/** The API answers 403 to everyone else; the nav and the page ask this instead of trying. */
export const canSeeAudit = (role: Role): boolean => role === 'admin';

/** A filter as the API's query string; dates are whole days in the browser's time zone, `to` inclusive. */
export function auditQuery(filter: AuditFilter): Record<string, string | undefined> {
  const dayStart = (day: string, plusDays = 0) => {
    if (!day) return undefined;
    const date = new Date(`${day}T00:00:00`);
    date.setDate(date.getDate() + plusDays);
    return date.toISOString();
  };
  return {
    actor_id: filter.actorId || undefined,
    action: filter.action || undefined,
    entity_type: filter.entityType || undefined,
    from: dayStart(filter.from),
    to: dayStart(filter.to, 1),
  };
}

export function useAuditEntries(filter: AuditFilter, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: ['audit', 'list', filter],
    queryFn: ({ pageParam, signal }) =>
      apiRequest<Page<AuditEntry>>(withQuery('/api/v1/audit', { ...auditQuery(filter), limit: PAGE_SIZE, cursor: pageParam }), { signal }),
    initialPageParam: '',
    getNextPageParam: (lastPage) => lastPage.next,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useAuditVocabulary(enabled: boolean) {
  return useQuery({
    queryKey: ['audit', 'actions'],
    queryFn: ({ signal }) => apiRequest<Jsonified<AuditVocabularyView>>('/api/v1/audit/actions', { signal }),
    staleTime: Number.POSITIVE_INFINITY,
    enabled,
  });
}

/** What changed, in one line in plain words: `field: before → after`, or the facts recorded. */
export function describeChanges(changes: Record<string, unknown>): string {
  return Object.entries(changes)
    .map(([field, value]) => {
      if (value !== null && typeof value === 'object' && 'after' in value) {
        const { before, after } = value as { before: unknown; after: unknown };
        return `${capitalisedField(field)}: ${show(before)} → ${show(after)}`;
      }
      return `${capitalisedField(field)}: ${show(value)}`;
    })
    .join('; ');
}

const capitalisedField = (field: string) => {
  const label = fieldLabel(field);
  return label.charAt(0).toUpperCase() + label.slice(1);
};

const show = (value: unknown): string => (value === null || value === undefined ? '—' : typeof value === 'object' ? JSON.stringify(value) : String(value));
