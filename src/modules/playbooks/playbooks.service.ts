import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { defaultResetsOn } from '../touches/index.ts';
import { defaultPlaybooks } from './default-playbooks.ts';
import { type CreatePlaybookInput, stepSchema, type UpdatePlaybookInput } from './playbooks.schema.ts';

const columns = ['id', 'key', 'name', 'description', 'trigger', 'trigger_config', 'steps', 'enabled', 'version', 'created_at', 'updated_at'] as const;

/**
 * A recurring step shows which contacts restart it: its own `resets_on`, else the default rule, so the
 * editor shows (and saves) what will actually happen.
 */
function withCadenceResets<T extends { steps: unknown[] }>(playbook: T): T {
  const steps = playbook.steps.map((raw) => {
    const parsed = stepSchema.safeParse(raw);
    if (!parsed.success || !parsed.data.recurrence_days || parsed.data.resets_on) return raw;
    const step = parsed.data;
    const kind = step.kind === 'survey' || step.kind === 'referral_ask' ? step.kind : step.touch_kind;
    return { ...step, resets_on: defaultResetsOn(kind) };
  });
  return { ...playbook, steps };
}

/** Ships the default after-sale program once; a business's later edits are never overwritten. */
export async function installDefaultPlaybooks(db: Db): Promise<void> {
  for (const playbook of defaultPlaybooks) {
    await db
      .insertInto('playbooks')
      .values({ ...playbook, trigger_config: JSON.stringify(playbook.trigger_config), steps: JSON.stringify(playbook.steps) })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  }
}

export async function listPlaybooks(db: Db) {
  return (await db.selectFrom('playbooks').select(columns).orderBy('name').orderBy('id').execute()).map(withCadenceResets);
}

export async function getPlaybook(db: Db, id: string) {
  const row = await db.selectFrom('playbooks').select(columns).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Playbook');
  return withCadenceResets(row);
}

export async function createPlaybook(db: Db, input: CreatePlaybookInput) {
  return db
    .insertInto('playbooks')
    .values({ ...input, trigger_config: JSON.stringify(input.trigger_config), steps: JSON.stringify(input.steps) })
    .returning(columns)
    .executeTakeFirstOrThrow();
}

/** Each edit is a new version; runs in flight keep the steps they were started with. */
export async function updatePlaybook(db: Db, id: string, input: UpdatePlaybookInput) {
  const { trigger_config, steps, ...rest } = input;
  const row = await db
    .updateTable('playbooks')
    .set((eb) => ({
      ...rest,
      ...(trigger_config ? { trigger_config: JSON.stringify(trigger_config) } : {}),
      ...(steps ? { steps: JSON.stringify(steps) } : {}),
      version: eb('version', '+', 1),
      updated_at: now(),
    }))
    .where('id', '=', id)
    .returning(columns)
    .executeTakeFirst();
  if (!row) throw notFound('Playbook');
  return withCadenceResets(row);
}

export async function listRuns(db: Db, playbookId: string, limit: number) {
  return db
    .selectFrom('playbook_runs')
    .innerJoin('accounts', 'accounts.id', 'playbook_runs.account_id')
    .select(['playbook_runs.id', 'playbook_runs.account_id', 'accounts.name as account_name', 'playbook_runs.playbook_version', 'playbook_runs.trigger_key', 'playbook_runs.started_at'])
    .where('playbook_runs.playbook_id', '=', playbookId)
    .orderBy('playbook_runs.started_at', 'desc')
    .limit(limit)
    .execute();
}
