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

type Assessment = { score: number | null; reference?: number };

type FactorDefinition = {
  key: HealthFactorKey;
  label: string;
  assess(input: HealthInput, settings: HealthSettings): Assessment;
  /** The sentence shown on the account page, from the same input and what assess() found. */
  describe(input: HealthInput, settings: HealthSettings, assessed: Assessment): string;
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
    const usual = input.median_latency_days ?? input.typical_latency_days;
    if (usual === null || usual <= 0) return { score: null };
    return { score: rhythmScore(input.recency_days / usual, settings.lateness_factor), reference: usual };
  },
  describe(input, settings, { reference }) {
    if (reference === undefined) return 'No rhythm to compare with yet: no customer has ordered on two different days.';
    const ratio = input.recency_days / reference;
    const own = input.median_latency_days !== null;
    const basis = own ? `usually orders every ${days(reference)} (median)` : `one order day so far, so compared with a typical customer's ${days(reference)}`;
    const late = own && ratio > settings.lateness_factor ? '; late' : '';
    return `Last order ${days(input.recency_days)} ago; ${basis} (${ratio.toFixed(1)}× the usual gap${late}).`;
  },
};

const touchRecency: FactorDefinition = {
  key: 'touch_recency',
  label: 'Last touch',
  assess(input, { touch_fresh_days: fresh, touch_stale_days: stale }) {
    if (input.days_since_touch === null) return { score: 0 };
    return { score: 100 * clamp01((stale - input.days_since_touch) / (stale - fresh)) };
  },
  describe(input, { touch_fresh_days: fresh, touch_stale_days: stale }) {
    if (input.days_since_touch === null) return 'No done call, meeting, email or other touch on record.';
    return `Last done touch ${days(input.days_since_touch)} ago (full marks within ${days(fresh)}, none after ${days(stale)}).`;
  },
};

const probabilityAlive: FactorDefinition = {
  key: 'p_alive',
  label: 'Still a customer (p(alive))',
  assess(input) {
    return { score: input.p_alive === null || input.order_days < 2 ? null : 100 * input.p_alive };
  },
  describe(input) {
    if (input.p_alive === null) return 'The CLV models are not fitted (see the fit report).';
    if (input.order_days < 2) return 'BG/NBD takes a one-time buyer to be active until a repeat order shows a rhythm, so p(alive) says nothing yet.';
    return `BG/NBD: ${Math.round(100 * input.p_alive)} % likely to still be buying.`;
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
    key: definition.key,
    weight: settings.health_weights[definition.key] ?? 0,
    ...definition.assess(input, settings),
  }));
  const totalWeight = assessed.reduce((sum, f) => sum + (f.score === null ? 0 : f.weight), 0);
  const factors = assessed.map(({ score, weight, ...rest }): HealthFactor => ({
    ...rest,
    score: score === null ? null : Math.round(score),
    weight,
    points: score === null || totalWeight === 0 ? 0 : Math.round((10 * weight * score) / totalWeight) / 10,
  }));
  const health = Math.round(factors.reduce((sum, f) => sum + f.points, 0));
  return { health: Math.min(100, Math.max(0, health)), factors };
}

export type ExplainedFactor = HealthFactor & { label: string; detail: string };

/** The stored factors of a score with their labels and sentences, using the settings the run scored with. */
export function explainHealth(input: Omit<HealthInput, 'typical_latency_days'>, factors: readonly HealthFactor[], settings: HealthSettings): ExplainedFactor[] {
  return factors.flatMap((factor) => {
    const definition = healthFactorDefinitions.find((d) => d.key === factor.key);
    if (!definition) return [];
    const assessed: Assessment = factor.reference === undefined ? { score: factor.score } : { score: factor.score, reference: factor.reference };
    return [{ ...factor, label: definition.label, detail: definition.describe({ ...input, typical_latency_days: null }, settings, assessed) }];
  });
}
