import { z } from 'zod';
import { maxUnitPrice, webAddress } from '../../platform/field-formats.ts';
import { externalTimestamp } from '../../platform/timestamps.ts';
import { pageQuery } from '../../platform/paging.ts';

const fields = {
  sku: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(200),
  category: z.string().trim().max(100).nullable(),
  tags: z.array(z.string().trim().min(1).max(60)).max(50),
  price: z.number().nonnegative().max(maxUnitPrice),
  launched_at: externalTimestamp.nullable(),
  active: z.boolean(),
  /** Where a customer learns to use the product; a first delivery sends it (decision 0024). */
  getting_started_url: webAddress.nullable(),
};

export const createProductBody = z.object({
  ...fields,
  category: fields.category.optional(),
  tags: fields.tags.default([]),
  launched_at: fields.launched_at.optional(),
  active: fields.active.default(true),
  getting_started_url: fields.getting_started_url.optional(),
});
export type CreateProductInput = z.infer<typeof createProductBody>;

export const updateProductBody = z.object(fields).partial().refine((b) => Object.keys(b).length > 0, {
  message: 'send at least one field to change',
});
export type UpdateProductInput = z.infer<typeof updateProductBody>;

export const listProductsQuery = pageQuery.extend({ q: z.string().trim().max(200).optional() });
export type ListProductsQuery = z.infer<typeof listProductsQuery>;
