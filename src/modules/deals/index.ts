/**
 * Deals: the pipeline, the next-step rule on open deals, stalled deals, and winning or losing a deal. Deals call touches to plan and cancel steps; touches reach deals only through the CloseDeal function the server passes in.
 */
export { listStalledDeals } from './deals.queries.ts';
export { registerDealRoutes } from './deals.routes.ts';
export { closeDealInTransaction, type CloseDealInput } from './close-deal.ts';
/** A deal as the API answers it (list, page, board), with its next step and stalled flag. */
export type DealView = Awaited<ReturnType<typeof import('./deals.queries.ts').getDeal>>;
export type { StageHistoryEntry } from './stage-history.ts';
export { dealPage, dealStages } from './deals.schema.ts';
export type { CreateDealInput, ListDealsQuery, UpdateDealInput } from './deals.schema.ts';
/** A deal row as a change answers it. */
export type SavedDeal = Awaited<ReturnType<typeof import('./deals.service.ts').updateDeal>>;
export { type DealMatch, findDeals } from './deal-search.ts';
export { openDealsWork } from './deal-hand-over.ts';
