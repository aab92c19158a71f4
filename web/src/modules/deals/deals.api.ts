import { useQuery } from '@tanstack/react-query';
import type { DealView, ListDealsQuery, StageHistoryEntry } from '../../../../src/modules/deals/index.ts';
import type { TouchView } from '../../../../src/modules/touches/index.ts';
import type { Jsonified } from '../../../../src/platform/json-types.ts';
import { apiRequest, type Page, withQuery } from '../../api.ts';
import { everyServerValue } from '../../server-values.ts';

export type DealStage = DealView['stage'];
export type DealStatus = DealView['status'];

/** A deal as the server answers it: its type comes from the server's own query, so it cannot drift. */
export type Deal = Jsonified<DealView>;
export type NextStep = NonNullable<Deal['next_step']>;
export type StageEntry = Jsonified<StageHistoryEntry>;
export type DealTouch = Jsonified<TouchView>;

export const pipelineStages: readonly DealStage[] = everyServerValue<DealStage>()(['lead', 'qualified', 'proposal', 'negotiation']);

export const stageLabels: Record<DealStage, string> = {
  lead: 'Lead',
  qualified: 'Qualified',
  proposal: 'Proposal',
  negotiation: 'Negotiation',
};

const BOARD_PAGE_SIZE = 200;
// A runaway cursor (a server bug answering the same `next` forever) must not hang the tab.
const MAX_BOARD_PAGES = 50;

export const dealKeys = {
  all: ['deals'] as const,
  openBoard: () => ['deals', 'open'] as const,
  openForAccount: (accountId: string) => ['deals', 'open', { accountId }] as const,
  detail: (id: string) => ['deals', 'detail', id] as const,
  history: (id: string) => ['deals', 'detail', id, 'history'] as const,
  touches: (id: string) => ['deals', 'detail', id, 'touches'] as const,
};

/** What narrows the board: the deals list's own query, less what the board sets itself. */
type OpenDealsFilter = Pick<ListDealsQuery, 'account_id'>;

/** The board needs every open deal at once, so follow `next` until the last page. */
export async function fetchAllOpenDeals(
  filter: OpenDealsFilter,
  signal?: AbortSignal,
): Promise<Deal[]> {
  const deals: Deal[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_BOARD_PAGES; page++) {
    const url = withQuery('/api/v1/deals', {
      status: 'open',
      limit: BOARD_PAGE_SIZE,
      cursor,
      ...filter,
    });
    const result = await apiRequest<Page<Deal>>(url, { signal });
    deals.push(...result.items);
    if (!result.next || result.next === cursor) break;
    cursor = result.next;
  }
  return deals;
}

export function useOpenDeals() {
  return useQuery({
    queryKey: dealKeys.openBoard(),
    queryFn: ({ signal }) => fetchAllOpenDeals({}, signal),
  });
}

export function useOpenDealsForAccount(accountId: string) {
  return useQuery({
    queryKey: dealKeys.openForAccount(accountId),
    queryFn: ({ signal }) => fetchAllOpenDeals({ account_id: accountId }, signal),
  });
}

export function useDeal(id: string) {
  return useQuery({
    queryKey: dealKeys.detail(id),
    queryFn: ({ signal }) => apiRequest<Deal>(`/api/v1/deals/${encodeURIComponent(id)}`, { signal }),
  });
}

export function useDealStageHistory(id: string) {
  return useQuery({
    queryKey: dealKeys.history(id),
    queryFn: ({ signal }) => apiRequest<StageEntry[]>(`/api/v1/deals/${encodeURIComponent(id)}/stage-history`, { signal }),
  });
}

const DEAL_TOUCHES_SHOWN = 100;

export function useDealTouches(id: string) {
  return useQuery({
    queryKey: dealKeys.touches(id),
    queryFn: ({ signal }) => apiRequest<Page<DealTouch>>(withQuery('/api/v1/touches', { deal_id: id, limit: DEAL_TOUCHES_SHOWN }), { signal }),
  });
}
