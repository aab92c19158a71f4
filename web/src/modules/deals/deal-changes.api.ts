import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateDealInput, SavedDeal as ServerSavedDeal, UpdateDealInput } from '../../../../src/modules/deals/index.ts';
import type { Jsonified } from '../../../../src/platform/json-types.ts';
import { apiRequest } from '../../api.ts';
import { dealKeys } from './deals.api.ts';

// The server's own input and answer types, as JSON.
export type SavedDeal = Jsonified<ServerSavedDeal>;
export type NewDeal = Jsonified<CreateDealInput>;
export type DealChange = Jsonified<UpdateDealInput>;
export type NextStepBody = NonNullable<DealChange['next_step']>;

function useRefreshDeals() {
  const queryClient = useQueryClient();
  // The board, the account's deals, the deal page and the account timeline all show the change.
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: dealKeys.all }), queryClient.invalidateQueries({ queryKey: ['accounts'] })]);
}

export function useCreateDeal() {
  const refresh = useRefreshDeals();
  return useMutation<SavedDeal, Error, NewDeal>({
    mutationFn: (body) => apiRequest<SavedDeal>('/api/v1/deals', { method: 'POST', body }),
    onSuccess: () => refresh(),
  });
}

export function useChangeDeal() {
  const refresh = useRefreshDeals();
  return useMutation<SavedDeal, Error, { id: string; change: DealChange }>({
    mutationFn: ({ id, change }) => apiRequest<SavedDeal>(`/api/v1/deals/${encodeURIComponent(id)}`, { method: 'PATCH', body: change }),
    onSuccess: () => refresh(),
  });
}

export type DealOutcome = { status: 'won' } | { status: 'lost'; reason: string };

export function useCloseDeal() {
  const refresh = useRefreshDeals();
  return useMutation<SavedDeal, Error, { id: string; outcome: DealOutcome }>({
    mutationFn: ({ id, outcome }) =>
      outcome.status === 'won'
        ? apiRequest<SavedDeal>(`/api/v1/deals/${encodeURIComponent(id)}/win`, { method: 'POST' })
        : apiRequest<SavedDeal>(`/api/v1/deals/${encodeURIComponent(id)}/lose`, { method: 'POST', body: { reason: outcome.reason } }),
    onSuccess: () => refresh(),
  });
}
