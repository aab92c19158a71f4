import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type Page } from '../../api.ts';

export type Subscription = {
  id: string;
  url: string;
  event_types: string[];
  description: string;
  active: boolean;
  consecutive_failures: number;
  disabled_reason: string | null;
  created_at: string;
};

export type Delivery = {
  id: number;
  event_type: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: string;
  last_status: number | null;
  last_error: string | null;
  delivered_at: string | null;
  created_at: string;
};

export const canManageWebhooks = (role: string) => role === 'admin' || role === 'manager';

export const useEventTypes = () => useQuery({ queryKey: ['webhooks', 'event-types'], queryFn: ({ signal }) => apiRequest<{ items: string[] }>('/api/v1/webhooks/event-types', { signal }) });

export const useSubscriptions = () =>
  useQuery({ queryKey: ['webhooks', 'subscriptions'], queryFn: ({ signal }) => apiRequest<{ items: Subscription[] }>('/api/v1/webhooks/subscriptions', { signal }) });

export const useDeliveries = (subscriptionId: string) =>
  useQuery({
    queryKey: ['webhooks', 'deliveries', subscriptionId],
    queryFn: ({ signal }) => apiRequest<Page<Delivery>>(`/api/v1/webhooks/subscriptions/${subscriptionId}/deliveries?limit=20`, { signal }),
  });

export function useCreateSubscription() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { url: string; event_types: string[]; description: string }) =>
      apiRequest<Subscription & { secret: string }>('/api/v1/webhooks/subscriptions', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['webhooks', 'subscriptions'] }),
  });
}

export function useSetSubscriptionActive() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) => apiRequest<Subscription>(`/api/v1/webhooks/subscriptions/${id}`, { method: 'PATCH', body: { active } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['webhooks'] }),
  });
}
