/**
 * Webhooks: signed inbound order webhooks and outbound subscriptions with retried deliveries.
 */
export { registerInboundWebhookRoutes } from './inbound.routes.ts';
export { registerWebhookSubscriptionRoutes } from './subscriptions.routes.ts';
export { deliverWebhooksJob } from './webhooks.jobs.ts';
export { signPayload } from './signatures.ts';
export { countDeliveriesByStatus } from './delivery-stats.ts';
