import type { HealthFactor, HealthFactorKey, HealthWeights } from '../../platform/db-schema.ts';

/** What the health factors read about one account. */
export type HealthInput = {
  recency_days: number;
  order_days: number;
  median_latency_days: number | null;
  days_since_touch: number | null;
  p_alive: number | null;
  /** The rhythm of a typical repeat customer, for accounts that have ordered on one day only. */
  typical_latency_days: number | null;
  /** Service issues open at the as-of date; both zero when there are none. */
  open_issues: { open: number; breached: number };
  /** The last NPS answer up to the as-of date, or null when the account never answered. */
  last_nps: { score: number; days_ago: number } | null;
  /** Orders past their promised ship-by date and still unshipped; both zero when there are none. */
  late_orders: { late: number; days_late: number };
};

export type HealthSettings = {
  health_weights: HealthWeights;
  lateness_factor: number;
  touch_fresh_days: number;
  touch_stale_days: number;
  issue_open_penalty: number;
  issue_breached_penalty: number;
  nps_max_age_days: number;
};

/** A factor's score and what it is stored with, so that the sentence can be written again later. */
type Assessment = Pick<HealthFactor, 'reference' | 'open_issues' | 'last_nps' | 'late_orders'> & { score: number | null };

type FactorDefinition = {
  key: HealthFactorKey;
  label: string;
  assess(input: HealthInput, settings: HealthSettings): Assessment;
  /** The sentence shown on the account page, from the same input and what assess() found. */
  describe(input: HealthInput, settings: HealthSettings, assessed: Assessment): string;
};

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const days = (n: number) => plural(Math.round(n), 'day');

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
 * Always applies: having no open issue is a good sign, not a missing one, and an account with an
 * issue must score below one without.
 */
const serviceIssues: FactorDefinition = {
  key: 'service_issues',
  label: 'Service issues',
  assess({ open_issues }, settings) {
    const withinSla = open_issues.open - open_issues.breached;
    const penalty = withinSla * settings.issue_open_penalty + open_issues.breached * settings.issue_breached_penalty;
    return { score: Math.max(0, 100 - penalty), open_issues };
  },
  describe({ open_issues: { open, breached } }, settings) {
    if (open === 0) return 'No open service issues.';
    const late = breached === 0 ? 'none past its SLA' : `${breached} past ${breached === 1 ? 'its' : 'their'} SLA`;
    return `${plural(open, 'open issue')}, ${late} (${settings.issue_open_penalty} points off per open issue, ${settings.issue_breached_penalty} per one past its SLA).`;
  },
};

const npsGroup = (score: number) => (score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor');
const ago = (n: number) => (n === 0 ? 'today' : `${days(n)} ago`);

/**
 * 10 points per point of the answer. No answer, or one older than nps_max_age_days, is neutral: the
 * factor drops out instead of scoring 50, which would pull every healthy account that was never
 * surveyed towards the middle.
 */
const lastNps: FactorDefinition = {
  key: 'last_nps',
  label: 'Last NPS answer',
  assess({ last_nps }, settings) {
    if (last_nps === null) return { score: null };
    return { score: last_nps.days_ago > settings.nps_max_age_days ? null : 10 * last_nps.score, last_nps };
  },
  describe({ last_nps }, settings) {
    if (last_nps === null) return 'No NPS answer yet: neutral, the other factors decide.';
    const answer = `Last NPS answer ${last_nps.score} of 10 (${npsGroup(last_nps.score)}), ${ago(last_nps.days_ago)}`;
    if (last_nps.days_ago > settings.nps_max_age_days) return `${answer}: older than ${days(settings.nps_max_age_days)}, so neutral.`;
    return `${answer}.`;
  },
};

/**
 * An order we promised and did not ship is a broken promise the customer feels: the factor scores 0
 * while any order is late. No late order is neutral (the factor drops out) rather than full marks,
 * so shipping on time never lifts an account above what its other factors say, and a late order
 * always pulls it down by the factor's share of the weights.
 */
const lateOrders: FactorDefinition = {
  key: 'late_orders',
  label: 'Late orders',
  assess({ late_orders }) {
    return late_orders.late === 0 ? { score: null } : { score: 0, late_orders };
  },
  describe({ late_orders: { late, days_late } }) {
    if (late === 0) return 'No order past its promised ship date: neutral, the other factors decide.';
    const oldest = days_late < 1 ? 'less than a day' : days(days_late);
    return `${plural(late, 'order')} not shipped by the promised date (the oldest ${oldest} late).`;
  },
};

/** The factors in display order: one definition here plus a weight key makes a new factor. */
export const healthFactorDefinitions: readonly FactorDefinition[] = [orderRhythm, touchRecency, probabilityAlive, serviceIssues, lastNps, lateOrders];

/**
 * Health 0–100: the weighted mean of the factor scores that apply to the account. A factor that does
 * not apply (no model, no rhythm yet) drops out and the others' weights are scaled up, so every
 * account is scored on the same 0–100 scale; each factor records the points it contributed.
 */
export function assessHealth(input: HealthInput, settings: HealthSettings): { health: number; factors: HealthFactor[] } {
  // Runs once per account for every account: plain loops and assignments, no object spread, which
  // costs more here than the arithmetic does.
  const scores: (number | null)[] = [];
  const factors: HealthFactor[] = [];
  let totalWeight = 0;
  for (const definition of healthFactorDefinitions) {
    const assessed = definition.assess(input, settings);
    const weight = settings.health_weights[definition.key] ?? 0;
    const factor: HealthFactor = { key: definition.key, score: assessed.score === null ? null : Math.round(assessed.score), weight, points: 0 };
    if (assessed.reference !== undefined) factor.reference = assessed.reference;
    if (assessed.open_issues !== undefined) factor.open_issues = assessed.open_issues;
    if (assessed.last_nps !== undefined) factor.last_nps = assessed.last_nps;
    if (assessed.late_orders !== undefined) factor.late_orders = assessed.late_orders;
    if (assessed.score !== null) totalWeight += weight;
    scores.push(assessed.score);
    factors.push(factor);
  }
  let health = 0;
  factors.forEach((factor, i) => {
    const score = scores[i] ?? null;
    factor.points = score === null || totalWeight === 0 ? 0 : Math.round((10 * factor.weight * score) / totalWeight) / 10;
    health += factor.points;
  });
  return { health: Math.min(100, Math.max(0, Math.round(health))), factors };
}

export type ExplainedFactor = HealthFactor & { label: string; detail: string };

/** What a score row keeps of the health input besides its own columns (0034). */
export type StoredSignals = {
  /** The usual gap the order rhythm was compared with: the account's own median, or else the typical customer's. */
  rhythm_reference: number | null;
  open_issues: number;
  breached_issues: number;
  last_nps: number | null;
  last_nps_days: number | null;
  late_orders: number;
  days_late: number;
};
export type StoredHealthInput = Pick<HealthInput, 'recency_days' | 'order_days' | 'median_latency_days' | 'days_since_touch' | 'p_alive'> & StoredSignals;

export function storedSignals(input: HealthInput): StoredSignals {
  return {
    rhythm_reference: input.median_latency_days ?? input.typical_latency_days,
    open_issues: input.open_issues.open,
    breached_issues: input.open_issues.breached,
    last_nps: input.last_nps?.score ?? null,
    last_nps_days: input.last_nps?.days_ago ?? null,
    late_orders: input.late_orders.late,
    days_late: input.late_orders.days_late,
  };
}

/**
 * The factors of a stored score, assessed again from what the row keeps with the settings the run
 * scored with (the same list the run computed), each with its label and sentence.
 */
export function explainHealth(row: StoredHealthInput, settings: HealthSettings): ExplainedFactor[] {
  const input: HealthInput = {
    recency_days: row.recency_days,
    order_days: row.order_days,
    median_latency_days: row.median_latency_days,
    days_since_touch: row.days_since_touch,
    p_alive: row.p_alive,
    typical_latency_days: row.rhythm_reference,
    open_issues: { open: row.open_issues, breached: row.breached_issues },
    last_nps: row.last_nps === null || row.last_nps_days === null ? null : { score: row.last_nps, days_ago: row.last_nps_days },
    late_orders: { late: row.late_orders, days_late: row.days_late },
  };
  const { factors } = assessHealth(input, settings);
  return factors.flatMap((factor) => {
    const definition = healthFactorDefinitions.find((d) => d.key === factor.key);
    if (!definition) return [];
    const { key: _, weight: __, points: ___, ...assessed } = factor;
    return [{ ...factor, label: definition.label, detail: definition.describe(input, settings, assessed) }];
  });
}
