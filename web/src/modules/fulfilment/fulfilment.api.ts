import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FulfilmentReport as FulfilmentReportView, FulfilmentSettingsView } from '../../../../src/modules/orders/index.ts';
import type { Jsonified } from '../../../../src/platform/json-types.ts';
import { apiRequest, withQuery } from '../../api.ts';
import { orderKeys } from '../orders/orders.api.ts';

// The server's own types, as JSON.
export type FulfilmentReport = Jsonified<FulfilmentReportView>;
export type FulfilmentSettings = Jsonified<FulfilmentSettingsView>;
/** How fast a group of orders shipped (a week, a product, a person). */
export type ShippingTimes = Omit<FulfilmentReport['weeks'][number], 'week_start'>;

const settingsKey = ['fulfilment', 'settings'] as const;

/** The company's promise from order to shipment, in working days, and the calendar it counts in. */
export function useFulfilmentSettings() {
  return useQuery({ queryKey: settingsKey, queryFn: ({ signal }) => apiRequest<FulfilmentSettings>('/api/v1/fulfilment/settings', { signal }) });
}

export function useEditFulfilmentSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: { promise_working_days?: number; time_zone?: string }) => apiRequest<FulfilmentSettings>('/api/v1/fulfilment/settings', { method: 'PATCH', body: change }),
    onSuccess: (settings) => client.setQueryData(settingsKey, settings),
  });
}

/** Order-to-ship times of the last weeks, per week, product and person responsible (managers). */
export function useFulfilmentReport(weeks: number, enabled: boolean) {
  return useQuery({
    queryKey: ['fulfilment', 'report', weeks],
    queryFn: ({ signal }) => apiRequest<FulfilmentReport>(withQuery('/api/v1/fulfilment/report', { weeks }), { signal }),
    enabled,
  });
}

/** The day a late order will now ship, as the service owner tells the customer (the delay note uses it). */
export function useSetExpectedShipping(orderId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (expectedShipOn: string | null) =>
      apiRequest<{ id: string; expected_ship_on: string | null }>(`/api/v1/orders/${encodeURIComponent(orderId)}/expected-shipping`, {
        method: 'PATCH',
        body: { expected_ship_on: expectedShipOn },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: orderKeys.all }),
  });
}

export type PromiseTarget = { kind: 'customer' | 'product'; id: string };

/** A customer's or a product's own promise; null removes it and the company's applies again. */
export function useSetOwnPromise() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ target, workingDays }: { target: PromiseTarget; workingDays: number | null }) =>
      apiRequest<unknown>(`/api/v1/fulfilment/${target.kind === 'customer' ? 'accounts' : 'products'}/${encodeURIComponent(target.id)}/promise`, {
        method: 'PATCH',
        body: { working_days: workingDays },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: settingsKey }),
  });
}
