import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MarkedAllReadView, MarkedReadView, Notification as ServerNotification, UnreadCountView } from '../../../../src/modules/notifications/index.ts';
import type { Jsonified } from '../../../../src/platform/json-types.ts';
import { apiRequest, type Page } from '../../api.ts';

/** A notification as the server answers it (its type comes from the server's module face). */
export type Notification = Jsonified<ServerNotification>;

export const notificationKeys = {
  all: ['notifications'] as const,
  unread: () => ['notifications', 'unread'] as const,
  latest: () => ['notifications', 'latest'] as const,
};

/**
 * The bell's count. The web polls it every 30 seconds (and when the tab regains focus): the worker
 * makes notifications from the event log within seconds, and a poll is simpler than a socket.
 */
export function useUnreadNotificationCount() {
  return useQuery({
    queryKey: notificationKeys.unread(),
    queryFn: ({ signal }) => apiRequest<UnreadCountView>('/api/v1/notifications/unread-count', { signal }),
    refetchInterval: 30_000,
    select: (data) => data.unread,
  });
}

/** The newest notifications, read and unread, fetched while the panel is open. */
export function useLatestNotifications(enabled: boolean) {
  return useQuery({
    queryKey: notificationKeys.latest(),
    queryFn: ({ signal }) => apiRequest<Page<Notification>>('/api/v1/notifications?limit=20', { signal }),
    enabled,
  });
}

export function useMarkNotificationRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<MarkedReadView>(`/api/v1/notifications/${id}/read`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkAllNotificationsRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<MarkedAllReadView>('/api/v1/notifications/read-all', { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
