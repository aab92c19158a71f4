import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { changedFields, recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { UpdateSettingsInput } from './analytics.schema.ts';

const columns = [
  'health_weights',
  'lateness_factor',
  'touch_fresh_days',
  'touch_stale_days',
  'clv_horizon_months',
  'clv_monthly_discount_rate',
  'issue_open_penalty',
  'issue_breached_penalty',
  'nps_max_age_days',
  'updated_at',
] as const;

export async function getAnalyticsSettings(db: Db) {
  return db.selectFrom('analytics_settings').select(columns).executeTakeFirstOrThrow();
}

export type AnalyticsSettings = Awaited<ReturnType<typeof getAnalyticsSettings>>;

/** Changes the weights and thresholds the next scoring run uses; scores already written keep theirs. */
export async function updateAnalyticsSettings(db: Db, input: UpdateSettingsInput, actorId: string): Promise<AnalyticsSettings> {
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('analytics_settings').select(columns).forUpdate().executeTakeFirstOrThrow();
    const fresh = input.touch_fresh_days ?? current.touch_fresh_days;
    const stale = input.touch_stale_days ?? current.touch_stale_days;
    if (stale <= fresh) {
      throw new AppError('invalid_input', `touch_stale_days (${stale}) must be more than touch_fresh_days (${fresh})`, 'touch_stale_days');
    }
    const open = input.issue_open_penalty ?? current.issue_open_penalty;
    const breached = input.issue_breached_penalty ?? current.issue_breached_penalty;
    if (breached < open) {
      const message = `issue_breached_penalty (${breached}) must be at least issue_open_penalty (${open}): breaching an SLA must not raise the health score`;
      throw new AppError('invalid_input', message, 'issue_breached_penalty');
    }
    const { health_weights: sent, ...rest } = input;
    // A client written before late_orders existed sends the other five: the stored one stays.
    const health_weights = sent && sent.late_orders === undefined && current.health_weights.late_orders !== undefined ? { ...sent, late_orders: current.health_weights.late_orders } : sent;
    const updated = await trx
      .updateTable('analytics_settings')
      .set({ ...rest, ...(health_weights ? { health_weights: JSON.stringify(health_weights) } : {}), updated_at: now() })
      .returning(columns)
      .executeTakeFirstOrThrow();
    const changes = changedFields(current, { ...input, ...(health_weights ? { health_weights } : {}) });
    await recordAudit(trx, { actorId, action: 'settings.analytics_updated', entityType: 'settings', entityId: 'analytics', changes });
    return updated;
  });
}
