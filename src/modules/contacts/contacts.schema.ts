import { z } from 'zod';
import { pageQuery } from '../../platform/paging.ts';

const fields = {
  name: z.string().trim().min(1).max(200),
  email: z.string().trim().email().max(254).nullable(),
  phone: z.string().trim().max(50).nullable(),
  title: z.string().trim().max(200).nullable(),
  postal_address: z.string().trim().max(1000).nullable(),
  newsletter_consent: z.boolean(),
  // false records that the person asked for no more emails (as the unsubscribe link does); true that they want them again.
  email_allowed: z.boolean(),
};

export const createContactBody = z.object({
  account_id: z.string().uuid(),
  name: fields.name,
  email: fields.email.optional(),
  phone: fields.phone.optional(),
  title: fields.title.optional(),
  postal_address: fields.postal_address.optional(),
  newsletter_consent: fields.newsletter_consent.default(false),
});
export type CreateContactInput = z.infer<typeof createContactBody>;

export const updateContactBody = z.object(fields).partial().refine((b) => Object.keys(b).length > 0, {
  message: 'send at least one field to change',
});
export type UpdateContactInput = z.infer<typeof updateContactBody>;

export const listContactsQuery = pageQuery.extend({
  account_id: z.string().uuid().optional(),
  q: z.string().trim().max(200).optional(),
});
export type ListContactsQuery = z.infer<typeof listContactsQuery>;
