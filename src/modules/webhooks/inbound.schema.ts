import { z } from 'zod';
import { maxQuantity, maxUnitPrice } from '../../platform/field-formats.ts';
import { externalTimestamp } from '../../platform/timestamps.ts';
import type { ImportedOrder } from '../imports/index.ts';

const money = z.union([z.number(), z.string().regex(/^\d+(\.\d+)?$/).transform(Number)]).pipe(z.number().nonnegative().max(maxUnitPrice));

/** Our documented order payload (README "Order webhooks"). */
export const afterclosePayload = z.object({
  id: z.string().trim().min(1).max(100),
  number: z.string().trim().min(1).max(64),
  placed_at: externalTimestamp,
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  status: z.enum(['placed', 'shipped', 'delivered', 'cancelled']).default('placed'),
  total: money.optional(),
  customer: z.object({
    external_id: z.string().trim().min(1).max(100).optional(),
    email: z.string().trim().email().max(254).transform((e) => e.toLowerCase()).optional(),
    name: z.string().trim().min(1).max(200).optional(),
    company: z.string().trim().min(1).max(200).optional(),
  }).refine((c) => c.external_id || c.email, 'give the customer an external_id or an email'),
  lines: z.array(z.object({ sku: z.string().trim().min(1).max(64).optional(), description: z.string().trim().min(1).max(500), quantity: z.number().int().positive().max(maxQuantity), unit_price: money })).min(1).max(500),
});

/** The parts of Shopify's orders/create payload an order needs. */
export const shopifyPayload = z.object({
  id: z.union([z.number(), z.string()]).transform(String),
  name: z.string().min(1).max(64),
  // Shopify sends "" for an order without its own email; the customer's is then the one to use.
  email: z.union([z.literal(''), z.string().email()]).transform((e) => (e === '' ? null : e.toLowerCase())).nullish(),
  created_at: externalTimestamp,
  currency: z.string().regex(/^[A-Z]{3}$/),
  total_price: money,
  cancelled_at: z.string().nullish(),
  fulfillment_status: z.string().nullish(),
  customer: z.object({ id: z.union([z.number(), z.string()]).transform(String).nullish(), email: z.string().nullish(), first_name: z.string().nullish(), last_name: z.string().nullish() }).nullish(),
  billing_address: z.object({ name: z.string().nullish(), company: z.string().nullish() }).nullish(),
  line_items: z.array(z.object({ sku: z.string().nullish(), name: z.string().min(1), quantity: z.number().int().positive().max(maxQuantity), price: money })).min(1),
});

const present = (text: string | null | undefined) => (text?.trim() ? text.trim() : undefined);

export function orderFromAfterclose(p: z.infer<typeof afterclosePayload>): ImportedOrder {
  const sum = Math.round(p.lines.reduce((s, l) => s + l.quantity * l.unit_price * 100, 0)) / 100;
  return {
    order_number: p.number, external_id: p.id, account_external_id: p.customer.external_id, customer_email: p.customer.email, customer_name: p.customer.name,
    company: p.customer.company, placed_at: p.placed_at, status: p.status, currency: p.currency ?? null, total: p.total ?? sum,
    lines: p.lines.map((l) => ({ sku: l.sku ?? null, description: l.description, quantity: l.quantity, unit_price: l.unit_price })),
  };
}

export function orderFromShopify(p: z.infer<typeof shopifyPayload>): ImportedOrder {
  const email = present(p.email) ?? present(p.customer?.email)?.toLowerCase();
  const name = present(p.billing_address?.name) ?? present([p.customer?.first_name, p.customer?.last_name].filter(Boolean).join(' '));
  return {
    order_number: p.name, external_id: p.id, customer_email: email, customer_name: name, company: present(p.billing_address?.company),
    placed_at: p.created_at, status: p.cancelled_at ? 'cancelled' : p.fulfillment_status === 'fulfilled' ? 'shipped' : 'placed',
    currency: p.currency, total: p.total_price,
    lines: p.line_items.map((l) => ({ sku: present(l.sku) ?? null, description: l.name, quantity: l.quantity, unit_price: l.price })),
  };
}
