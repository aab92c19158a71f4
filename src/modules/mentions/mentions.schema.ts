import { z } from 'zod';

export const recordMentionBody = z.object({
  source: z.string().trim().min(1).max(200),
  title: z.string().trim().min(1).max(500),
  url: z.string().url().max(2000).optional(),
  published_at: z.coerce.date(),
});
export type RecordMentionInput = z.infer<typeof recordMentionBody>;
