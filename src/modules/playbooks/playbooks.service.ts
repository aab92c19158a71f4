import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { changedFields, recordAudit } from '../../platform/audit.ts';
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

export async function createPlaybook(db: Db, input: CreatePlaybookInput, actorId: string) {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('playbooks')
      .values({ ...input, trigger_config: JSON.stringify(input.trigger_config), steps: JSON.stringify(input.steps) })
      .returning(columns)
      .executeTakeFirstOrThrow();
    const changes = { name: row.name, trigger: row.trigger, enabled: row.enabled, steps: row.steps.length };
    await recordAudit(trx, { actorId, action: 'playbook.created', entityType: 'playbook', entityId: row.id, changes });
    return row;
  });
}

// Steps and trigger settings can be long: the entry says they changed and which version holds them.
const bulkyFields = new Set(['steps', 'trigger_config']);

/** Each edit is a new version; runs in flight keep the steps they were started with. */
export async function updatePlaybook(db: Db, id: string, input: UpdatePlaybookInput, actorId: string) {
  const { trigger_config, steps, ...rest } = input;
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('playbooks').select(columns).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound('Playbook');
    const row = await trx
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
      .executeTakeFirstOrThrow();
    const { enabled, ...changed } = changedFields(before, { ...input });
    const edits = Object.fromEntries(Object.entries(changed).map(([field, change]) => [field, bulkyFields.has(field) ? 'changed' : change]));
    const entry = { actorId, entityType: 'playbook', entityId: id } as const;
    if (enabled) await recordAudit(trx, { ...entry, action: row.enabled ? 'playbook.enabled' : 'playbook.disabled', changes: { enabled } });
    if (Object.keys(edits).length > 0) {
      await recordAudit(trx, { ...entry, action: 'playbook.updated', changes: { ...edits, version: { before: before.version, after: row.version } } });
    }
    return withCadenceResets(row);
  });
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
