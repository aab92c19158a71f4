import { z } from 'zod';
import { webAddress } from '../../platform/field-formats.ts';
import { externalTimestamp } from '../../platform/timestamps.ts';

export const recordMentionBody = z.object({
  source: z.string().trim().min(1).max(200),
  title: z.string().trim().min(1).max(500),
  url: webAddress.optional(),
  published_at: externalTimestamp,
});
export type RecordMentionInput = z.infer<typeof recordMentionBody>;
