import { z } from 'zod';
import { externalTimestamp } from '../../platform/timestamps.ts';

export const recordMentionBody = z.object({
  source: z.string().trim().min(1).max(200),
  title: z.string().trim().min(1).max(500),
  url: z.string().url().max(2000).optional(),
  published_at: externalTimestamp,
});
export type RecordMentionInput = z.infer<typeof recordMentionBody>;
