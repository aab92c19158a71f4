/**
 * Team load for managers: planned touches per person per day against capacity, and the one-click
 * rebalance that moves tasks with slack to days with room (docs/decisions/0031-team-load-and-rebalance.md).
 */
export { registerTeamLoadRoutes } from './team-load.routes.ts';
export { teamLoad } from './team-load.queries.ts';
/** The team load as the API answers it. */
export type TeamLoadView = Awaited<ReturnType<typeof import('./team-load.queries.ts').teamLoad>>;
/** A rebalance's preview or result as the API answers it. */
export type RebalanceView = Awaited<ReturnType<typeof import('./rebalance.ts').previewRebalance>>;
