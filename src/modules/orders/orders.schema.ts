import { z } from 'zod';
import { currencyCode, maxQuantity, maxUnitPrice } from '../../platform/field-formats.ts';
import { externalTimestamp } from '../../platform/timestamps.ts';
import { freeFormObject } from '../../platform/input-limits.ts';
import { pageQuery } from '../../platform/paging.ts';

const specs = freeFormObject;

export const orderLineInput = z
  .object({
    product_id: z.string().uuid().optional(),
    sku: z.string().trim().min(1).max(64).optional(),
    description: z.string().trim().min(1).max(500).optional(),
    quantity: z.number().int().positive().max(maxQuantity),
    // order_lines.unit_price is numeric(12, 2).
    unit_price: z.number().nonnegative().max(maxUnitPrice).optional(),
    specs: specs.default({}),
  })
  .refine((line) => line.product_id || line.sku || (line.description && line.unit_price !== undefined), {
    message: 'name a product_id or sku, or give a description and unit_price',
  });
export type OrderLineInput = z.infer<typeof orderLineInput>;

export const placeOrderBody = z.object({
  account_id: z.string().uuid(),
  number: z.string().trim().min(1).max(64).optional(),
  placed_at: externalTimestamp.optional(),
  currency: currencyCode.optional(),
  billing: freeFormObject.optional(),
  remember_billing: z.boolean().default(true),
  lines: z.array(orderLineInput).min(1, 'an order needs at least one line').max(500),
});
export type PlaceOrderInput = z.infer<typeof placeOrderBody>;

export const updateOrderStatusBody = z.object({ status: z.enum(['shipped', 'delivered', 'cancelled']) });

export const reorderBody = z.object({ placed_at: externalTimestamp.optional() }).default({});

export const listOrdersQuery = pageQuery.extend({
  account_id: z.string().uuid().optional(),
  q: z.string().trim().min(1).max(64).optional(),
  status: z.enum(['placed', 'shipped', 'delivered', 'cancelled']).optional(),
});
export type ListOrdersQuery = z.infer<typeof listOrdersQuery>;
