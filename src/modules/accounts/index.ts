/**
 * Accounts: the customers (companies or households) and their timeline of every touch, order, deal and event. A core module: it imports no feature module.
 */
export { requireAccount } from './accounts.queries.ts';
export { billingAddressLine } from './billing-address.ts';
export { registerAccountRoutes } from './accounts.routes.ts';
export { accountTimeline } from './timeline.queries.ts';
export { refreshAccountSearch } from './search-document.ts';
export { accountIdFromExternalId, accountsByExternalId, claimExternalIds } from './external-ids.ts';
export { leastLoadedServiceUser, ownedAccountsWork, recordWonDeal } from './account-owners.ts';
export { accountListFilters, listAccounts } from './account-list.ts';
export type { AccountList } from './account-list.ts';
export { accountSorts, healthBands, segments } from './accounts.schema.ts';
export type { AccountSort, HealthBand } from './accounts.schema.ts';
export type { AccountSummary } from './accounts.queries.ts';
export type { TimelineItem, TimelineType } from './timeline.queries.ts';
export { timelineTypes } from './timeline.queries.ts';
/** An account as its page receives it: the summary, interests, billing and contacts. */
export type AccountView = Awaited<ReturnType<typeof import('./accounts.queries.ts').getAccount>>;
/** A new account as its creation answers it. */
export type CreatedAccountView = Awaited<ReturnType<typeof import('./accounts.service.ts').createAccount>>;
export type { CreateAccountInput, ListAccountsQuery, UpdateAccountInput } from './accounts.schema.ts';
