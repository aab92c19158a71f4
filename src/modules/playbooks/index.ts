/**
 * After-sale playbooks: triggers read from the event log and from time passing, steps that become touches and emails, and the default after-sale program.
 */
export { isWorkingDay, type PlacedPerson } from './capacity-placement.ts';
export { consumePlaybookEvents, pendingPlaybookEvents } from './consume-events.ts';
export type { PlanningMode } from './assignees.ts';
export { playbookEventTicker, scanTimeTriggers } from './playbooks.jobs.ts';
export { registerPlaybookRoutes } from './playbooks.routes.ts';
export { installDefaultPlaybooks } from './playbooks.service.ts';
export { simulateProgram, type SimulatedTouch } from './simulate.ts';
export { runSimulation, simulationCsv, type SimulationProgress, type SimulationResult } from './simulation.service.ts';
export { simulationBody, type SimulationInput } from './simulation.schema.ts';
export type { PlaybookStep, Trigger, TriggerConfig } from './playbooks.schema.ts';

type PlaybookRow = Awaited<ReturnType<typeof import('./playbooks.service.ts').getPlaybook>>;
/** A playbook as the API answers it: its trigger, config and steps are stored only after the schema accepted them. */
export type PlaybookView = Omit<PlaybookRow, 'trigger' | 'trigger_config' | 'steps'> & {
  trigger: import('./playbooks.schema.ts').Trigger;
  trigger_config: import('./playbooks.schema.ts').TriggerConfig;
  steps: import('./playbooks.schema.ts').PlaybookStep[];
};
export type PlaybookRunView = Awaited<ReturnType<typeof import('./playbooks.service.ts').listRuns>>[number];
