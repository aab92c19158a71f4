/**
 * Webhooks: signed inbound order webhooks and outbound subscriptions with retried deliveries.
 */
export { registerInboundWebhookRoutes } from './inbound.routes.ts';
export { registerWebhookSubscriptionRoutes } from './subscriptions.routes.ts';
export { deliverWebhooksJob } from './webhooks.jobs.ts';
export { signPayload } from './signatures.ts';
export { countDeliveriesByStatus } from './delivery-stats.ts';
export type { CreateSubscriptionInput } from './subscriptions.schema.ts';
export type WebhookSubscriptionView = Awaited<ReturnType<typeof import('./subscriptions.service.ts').listSubscriptions>>['items'][number];
export type CreatedWebhookSubscription = Awaited<ReturnType<typeof import('./subscriptions.service.ts').createSubscription>>;
export type WebhookDeliveryView = Awaited<ReturnType<typeof import('./subscriptions.service.ts').listDeliveries>>['items'][number];
/** GET /api/v1/webhooks/event-types: the event types a subscription can ask for. */
export type WebhookEventTypesView = { items: typeof import('./subscriptions.schema.ts').webhookEventTypes };
