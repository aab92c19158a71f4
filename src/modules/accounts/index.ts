/**
 * Accounts: the customers (companies or households) and their timeline of every touch, order, deal and event. A core module: it imports no feature module.
 */
export { requireAccount } from './accounts.queries.ts';
export { registerAccountRoutes } from './accounts.routes.ts';
export { accountTimeline } from './timeline.queries.ts';
export { leastLoadedServiceUser, recordWonDeal } from './account-owners.ts';
export { listAccounts } from './accounts.queries.ts';
