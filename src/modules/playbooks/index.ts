/**
 * After-sale playbooks: triggers read from the event log and from time passing, steps that become touches and emails, and the default after-sale program.
 */
export { consumePlaybookEvents, pendingPlaybookEvents } from './consume-events.ts';
export { playbookEventTicker, scanTimeTriggers } from './playbooks.jobs.ts';
export { registerPlaybookRoutes } from './playbooks.routes.ts';
export { installDefaultPlaybooks } from './playbooks.service.ts';
