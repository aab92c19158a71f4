import { z } from 'zod';
import { eventCatalogue, eventTypes } from '../../platform/event-catalogue.ts';
import { webAddress } from '../../platform/field-formats.ts';
import { pageQuery } from '../../platform/paging.ts';

/** Event types a subscription may ask for (the catalogue marks them); '*' means every event. */
export const webhookEventTypes = eventTypes.filter((type) => eventCatalogue[type].webhook);

const knownTypes = new Set<string>(['*', ...webhookEventTypes]);
// A type no event has would be stored and never fire: the list is at /api/v1/webhooks/event-types.
const eventType = z.string().refine((type) => knownTypes.has(type), 'must be an event type listed at /api/v1/webhooks/event-types (such as order.placed), or *');

// Loopback and private addresses are allowed: a self-hosted CRM often talks to a neighbour on its own network.
// A user name and password in the address cannot be sent (fetch refuses them): the subscription
// would be disabled after its first delivery. The signing secret is what proves the sender.
const webhookUrl = webAddress.refine((u) => { const { username, password } = new URL(u); return !username && !password; }, 'must not contain a user name or password');

export const createSubscriptionBody = z.object({
  url: webhookUrl,
  event_types: z.array(eventType).min(1).max(50),
  description: z.string().trim().max(200).default(''),
});
export type CreateSubscriptionInput = z.infer<typeof createSubscriptionBody>;

export const updateSubscriptionBody = z
  .object({ url: webhookUrl, event_types: z.array(eventType).min(1).max(50), description: z.string().trim().max(200), active: z.boolean() })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: 'send at least one field to change' });
export type UpdateSubscriptionInput = z.infer<typeof updateSubscriptionBody>;

export const deliveriesQuery = pageQuery.extend({ status: z.enum(['pending', 'delivered', 'failed']).optional() });
export type DeliveriesQuery = z.infer<typeof deliveriesQuery>;
