import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreatedWebhookSubscription,
  CreateSubscriptionInput,
  WebhookDeliveryView,
  WebhookEventTypesView,
  WebhookSubscriptionView,
} from '../../../../src/modules/webhooks/index.ts';
import type { Jsonified } from '../../../../src/platform/json-types.ts';
import { apiRequest, type Page } from '../../api.ts';

/** Subscriptions and deliveries as the server answers them (types from its own queries). */
export type Subscription = Jsonified<WebhookSubscriptionView>;
export type Delivery = Jsonified<WebhookDeliveryView>;

export const canManageWebhooks = (role: string) => role === 'admin' || role === 'manager';

export const useEventTypes = () => useQuery({ queryKey: ['webhooks', 'event-types'], queryFn: ({ signal }) => apiRequest<Jsonified<WebhookEventTypesView>>('/api/v1/webhooks/event-types', { signal }) });

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
    mutationFn: (body: CreateSubscriptionInput) =>
      apiRequest<Jsonified<CreatedWebhookSubscription>>('/api/v1/webhooks/subscriptions', { method: 'POST', body }),
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
