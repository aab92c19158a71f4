import { useQuery } from '@tanstack/react-query';
import type { LateOrder as LateOrderView } from '../../../../src/modules/orders/index.ts';
import type { Jsonified } from '../../../../src/platform/json-types.ts';
import { apiRequest } from '../../api.ts';

/** An unshipped order past its ship-by date, as the server answers it. */
export type LateOrder = Jsonified<LateOrderView>;

export function useLateOrders(enabled: boolean) {
  return useQuery({
    queryKey: ['orders', 'late'],
    queryFn: ({ signal }) => apiRequest<{ items: LateOrder[] }>('/api/v1/fulfilment/late-orders', { signal }),
    enabled,
  });
}
