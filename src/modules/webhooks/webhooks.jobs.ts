import { z } from 'zod';
import type { JobDefinition } from '../../platform/jobs.ts';
import { queueWebhookDeliveries } from './queue-deliveries.ts';
import { sendDueDeliveries } from './send-deliveries.ts';

/** How long one run may keep sending; the next minute's run picks up the rest. */
const runBudgetMs = 45_000;

/**
 * Every minute: queue deliveries for new events, then send what is due (first attempts and
 * retries whose backoff has run out). A run stops early when nothing is left.
 */
export const deliverWebhooksJob: JobDefinition = {
  name: 'webhooks.deliver',
  payload: z.object({}),
  async run({ db }) {
    const started = performance.now();
    while (performance.now() - started < runBudgetMs) {
      const read = await queueWebhookDeliveries(db);
      const sent = await sendDueDeliveries(db);
      if (read === 0 && sent === 0) return;
    }
  },
  scheduleKey: (at) => `webhooks.deliver:${at.toISOString().slice(0, 16)}`,
};

