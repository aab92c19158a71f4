import { z } from 'zod';
import type { JobDefinition } from '../../platform/jobs.ts';
import type { Ticker } from '../../platform/jobs.ts';
import { consumePlaybookEvents } from './consume-events.ts';
import { runTimeTriggers } from './time-triggers.ts';

/** Hourly: triggers about time passing (no touch for N days, reorder due). */
export const scanTimeTriggers: JobDefinition = {
  name: 'playbooks.time_triggers',
  payload: z.object({}),
  async run({ db, links }) {
    await runTimeTriggers(db, links);
  },
  scheduleKey: (at) => `playbooks.time_triggers:${at.toISOString().slice(0, 13)}`,
};

/** On every worker tick: start the runs that new events trigger. */
export const playbookEventTicker: Ticker = {
  name: 'playbooks.events',
  async run({ db, links }) {
    return (await consumePlaybookEvents(db, links)).events;
  },
};
