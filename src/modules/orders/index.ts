/**
 * Orders and their lines, remembered billing and specs, and reordering in one step; the fulfilment
 * promise each order gets (ship_by) and the late-order alerts that chase it (decision 0022).
 */
export { setShipBy } from './fulfilment-promise.ts';
export { registerFulfilmentRoutes } from './fulfilment.routes.ts';
export { closeOrderAlerts, lateOrdersQuery, lateOrderTicker, raiseLateOrderAlerts } from './late-orders.ts';
export { registerOrderRoutes } from './orders.routes.ts';
/** An order as the API answers it, with its lines. */
export type OrderView = Awaited<ReturnType<typeof import('./orders.queries.ts').getOrder>>;
export { findOrders, type OrderMatch } from './order-search.ts';
export { type DeliveryFollowUp, deliveryFollowUpOf } from './delivery-follow-up.ts';
export { type FulfilmentReport, type LateOrder, lateOrderCounts, listLateOrders } from './fulfilment-report.ts';
/** The company's fulfilment promise as the settings route answers it. */
export type FulfilmentSettingsView = Awaited<ReturnType<typeof import('./fulfilment-promise.ts').getFulfilmentSettings>>;
