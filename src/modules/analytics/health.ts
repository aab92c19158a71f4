import type { HealthFactor, HealthFactorKey, HealthWeights } from '../../platform/db-tables-analytics.ts';

/** What the health factors read about one account. */
export type HealthInput = {
  recency_days: number;
  order_days: number;
  median_latency_days: number | null;
  days_since_touch: number | null;
  p_alive: number | null;
  /** The rhythm of a typical repeat customer, for accounts that have ordered on one day only. */
  typical_latency_days: number | null;
};

export type HealthSettings = {
  health_weights: HealthWeights;
  lateness_factor: number;
  touch_fresh_days: number;
  touch_stale_days: number;
};

type Assessment = { score: number | null; detail: string };

type FactorDefinition = {
  key: HealthFactorKey;
  label: string;
  assess(input: HealthInput, settings: HealthSettings): Assessment;
};

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
const days = (n: number) => `${Math.round(n)} day${Math.round(n) === 1 ? '' : 's'}`;

/**
 * Full marks while the current gap is within the usual one, 50 at the lateness threshold (f times
 * the usual gap, where the account turns "late"), 0 at 2f − 1 times it.
 */
function rhythmScore(ratio: number, lateness: number): number {
  return 100 * clamp01((2 * lateness - 1 - ratio) / (2 * lateness - 2));
}

const orderRhythm: FactorDefinition = {
  key: 'order_rhythm',
  label: 'Order rhythm',
  assess(input, settings) {
    const own = input.median_latency_days;
    const usual = own ?? input.typical_latency_days;
    if (usual === null || usual <= 0) {
      return { score: null, detail: 'No rhythm to compare with yet: no customer has ordered on two different days.' };
    }
    const ratio = input.recency_days / usual;
    const basis = own === null
      ? `one order day so far, so compared with a typical customer's ${days(usual)}`
      : `usually orders every ${days(usual)} (median)`;
    const late = own !== null && ratio > settings.lateness_factor ? '; late' : '';
    return {
      score: rhythmScore(ratio, settings.lateness_factor),
      detail: `Last order ${days(input.recency_days)} ago; ${basis} (${ratio.toFixed(1)}× the usual gap${late}).`,
    };
  },
};

const touchRecency: FactorDefinition = {
  key: 'touch_recency',
  label: 'Last touch',
  assess(input, settings) {
    if (input.days_since_touch === null) return { score: 0, detail: 'No done call, meeting, email or other touch on record.' };
    const { touch_fresh_days: fresh, touch_stale_days: stale } = settings;
    return {
      score: 100 * clamp01((stale - input.days_since_touch) / (stale - fresh)),
      detail: `Last done touch ${days(input.days_since_touch)} ago (full marks within ${days(fresh)}, none after ${days(stale)}).`,
    };
  },
};

const probabilityAlive: FactorDefinition = {
  key: 'p_alive',
  label: 'Still a customer (p(alive))',
  assess(input) {
    if (input.p_alive === null) return { score: null, detail: 'The CLV models are not fitted (see the fit report).' };
    if (input.order_days < 2) {
      return { score: null, detail: 'BG/NBD takes a one-time buyer to be active until a repeat order shows a rhythm, so p(alive) says nothing yet.' };
    }
    return { score: 100 * input.p_alive, detail: `BG/NBD: ${Math.round(100 * input.p_alive)} % likely to still be buying.` };
  },
};

/**
 * The factors in display order. Open and SLA-breached service issues and the last NPS answer join
 * this list when the service and survey tables exist (issue 4): a definition here plus a weight.
 */
export const healthFactorDefinitions: readonly FactorDefinition[] = [orderRhythm, touchRecency, probabilityAlive];

/**
 * Health 0–100: the weighted mean of the factor scores that apply to the account. A factor that does
 * not apply (no model, no rhythm yet) drops out and the others' weights are scaled up, so every
 * account is scored on the same 0–100 scale; each factor records the points it contributed.
 */
export function assessHealth(input: HealthInput, settings: HealthSettings): { health: number; factors: HealthFactor[] } {
  const assessed = healthFactorDefinitions.map((definition) => ({
    definition,
    weight: settings.health_weights[definition.key] ?? 0,
    ...definition.assess(input, settings),
  }));
  const totalWeight = assessed.reduce((sum, f) => sum + (f.score === null ? 0 : f.weight), 0);
  const factors = assessed.map(({ definition, weight, score, detail }): HealthFactor => ({
    key: definition.key,
    label: definition.label,
    score: score === null ? null : Math.round(score),
    weight,
    points: score === null || totalWeight === 0 ? 0 : Math.round((10 * weight * score) / totalWeight) / 10,
    detail,
  }));
  const health = Math.round(factors.reduce((sum, f) => sum + f.points, 0));
  return { health: Math.min(100, Math.max(0, health)), factors };
}
