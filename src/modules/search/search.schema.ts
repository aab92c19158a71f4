import { z } from 'zod';

export const searchQuery = z.object({
  q: z.string().trim().min(1, 'type something to search for').max(200),
  // Per group: the dialog shows a handful of each kind, not a list to page through.
  limit: z.coerce.number().int().min(1).max(20).default(5),
});
export type SearchQuery = z.infer<typeof searchQuery>;
