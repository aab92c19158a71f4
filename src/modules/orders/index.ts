/**
 * Orders and their lines, remembered billing and specs, and reordering in one step.
 */
export { registerOrderRoutes } from './orders.routes.ts';
/** An order as the API answers it, with its lines. */
export type OrderView = Awaited<ReturnType<typeof import('./orders.queries.ts').getOrder>>;
export { findOrders, type OrderMatch } from './order-search.ts';
