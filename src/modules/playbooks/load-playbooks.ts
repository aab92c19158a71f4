import type { Db } from '../../platform/db.ts';
import { type PlaybookStep, stepSchema, type Trigger, type TriggerConfig, triggerConfigSchema } from './playbooks.schema.ts';

export type ActivePlaybook = { id: string; name: string; version: number; trigger: Trigger; config: TriggerConfig; steps: PlaybookStep[] };

/** The enabled playbooks a trigger starts, its own trigger or one of its `also_triggers`. */
export async function enabledPlaybooks(db: Db): Promise<ActivePlaybook[]> {
  const rows = await db.selectFrom('playbooks').select(['id', 'name', 'version', 'trigger', 'trigger_config', 'steps']).where('enabled', '=', true).orderBy('created_at').execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    version: row.version,
    trigger: row.trigger as Trigger,
    config: triggerConfigSchema.parse(row.trigger_config),
    steps: row.steps.map((s) => stepSchema.parse(s)),
  }));
}

export function playbooksFor(playbooks: ActivePlaybook[], trigger: Trigger): ActivePlaybook[] {
  return playbooks.filter((p) => p.trigger === trigger || p.config.also_triggers?.includes(trigger));
}
