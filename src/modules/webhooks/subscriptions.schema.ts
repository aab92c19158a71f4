import { z } from 'zod';
import { eventCatalogue, eventTypes } from '../../platform/event-catalogue.ts';
import { pageQuery } from '../../platform/paging.ts';

/** Event types a subscription may ask for (the catalogue marks them); '*' means every event. */
export const webhookEventTypes = eventTypes.filter((type) => eventCatalogue[type].webhook);

const eventType = z.string().regex(/^(\*|[a-z_]+\.[a-z_]+)$/, 'an event type like order.placed, or *');

// Loopback and private addresses are allowed: a self-hosted CRM often talks to a neighbour on its own network.
const webhookUrl = z.string().url().max(2000).refine((u) => /^https?:\/\//.test(u), 'must be an http or https URL');

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
