/**
 * Orders and their lines, remembered billing and specs, and reordering in one step.
 */
export { registerOrderRoutes } from './orders.routes.ts';
export { findOrders, type OrderMatch } from './order-search.ts';
