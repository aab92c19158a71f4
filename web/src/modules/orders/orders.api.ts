import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrderView } from '../../../../src/modules/orders/index.ts';
import type { Jsonified } from '../../../../src/platform/json-types.ts';
import { apiRequest, type Page, withQuery } from '../../api.ts';

// The server's own type, as JSON: an order with its lines and their specs.
export type Order = Jsonified<OrderView>;
export type OrderLine = Order['lines'][number];

const ACCOUNT_ORDERS_SHOWN = 20;

export const orderKeys = {
  all: ['orders'] as const,
  forAccount: (accountId: string) => ['orders', { accountId }] as const,
};

export function useAccountOrders(accountId: string) {
  return useQuery({
    queryKey: orderKeys.forAccount(accountId),
    queryFn: ({ signal }) => apiRequest<Page<Order>>(withQuery('/api/v1/orders', { account_id: accountId, limit: ACCOUNT_ORDERS_SHOWN }), { signal }),
  });
}

export function useReorder() {
  const queryClient = useQueryClient();
  return useMutation<Order, Error, { orderId: string }>({
    mutationFn: ({ orderId }) => apiRequest<Order>(`/api/v1/orders/${encodeURIComponent(orderId)}/reorder`, { method: 'POST', body: {} }),
    // The new order shows in the list, and the account's timeline and last order date move.
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: orderKeys.all }), queryClient.invalidateQueries({ queryKey: ['accounts'] })]),
  });
}
