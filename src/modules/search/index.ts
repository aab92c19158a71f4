/**
 * Global search: one box that finds accounts, contacts, deals, orders and issues. A feature module:
 * it calls the faces of the modules that own those tables, and no core module imports it.
 */
export { registerSearchRoutes } from './search.routes.ts';
export type { SearchResults } from './search.service.ts';
