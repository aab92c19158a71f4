import { createRandom, type Random } from './random.ts';

/** How an account buys. Prospects never ordered; lapsing ones bought regularly, then stopped 6–12 months ago. */
export type Rhythm = 'loyal' | 'occasional' | 'one_time' | 'lapsing' | 'prospect';

export const rhythmMix: Readonly<Record<Rhythm, number>> = {
  loyal: 0.25,
  occasional: 0.22,
  one_time: 0.18,
  lapsing: 0.15,
  prospect: 0.2,
};

export const HISTORY_DAYS = 730;

type Gap = readonly [min: number, max: number];
const gaps: Readonly<Record<'loyal' | 'occasional' | 'lapsing', Gap>> = {
  loyal: [20, 60],
  occasional: [90, 200],
  lapsing: [25, 70],
};

/**
 * Orders from `fromDaysAgo` towards `untilDaysAgo`, each gap the account's own rhythm ±25 %.
 * `scale` > 1 shortens the gaps so a benchmark can ask for more orders per account; a gap never
 * drops below a day, which also keeps order numbers (date + suffix) unique within an account.
 */
function walk(rng: Random, gap: Gap, scale: number, fromDaysAgo: number, untilDaysAgo: number): number[] {
  const base = rng.between(gap[0], gap[1]) / scale;
  const days: number[] = [];
  for (let d = fromDaysAgo; d > untilDaysAgo; d -= Math.max(1, base * rng.between(0.75, 1.25))) days.push(d);
  return days;
}

/** Days before the as-of date on which the account ordered, oldest first. */
export function orderDaysAgo(rng: Random, rhythm: Rhythm, scale: number): number[] {
  switch (rhythm) {
    case 'prospect':
      return [];
    case 'one_time':
      return [rng.between(0.2, HISTORY_DAYS)];
    case 'lapsing': {
      const stoppedDaysAgo = rng.between(180, 365);
      return walk(rng, gaps.lapsing, scale, rng.between(stoppedDaysAgo + 120, HISTORY_DAYS), stoppedDaysAgo);
    }
    default: {
      // Most regulars were customers before the window opens; some joined during it.
      const gap = gaps[rhythm];
      const start = rng.chance(0.7) ? HISTORY_DAYS - rng.between(0, gap[1] / scale) : rng.between(30, HISTORY_DAYS);
      return walk(rng, gap, scale, Math.min(start, HISTORY_DAYS), 0.1);
    }
  }
}

/**
 * The gap scale that yields `ordersPerAccount` on average over the rhythm mix. The count is close to
 * linear in the scale, so two fixed-seed samples solve for it well enough; reports show actual counts.
 */
export function orderScaleFor(ordersPerAccount: number | undefined, mix: Readonly<Record<Rhythm, number>> = rhythmMix): number {
  if (ordersPerAccount === undefined) return 1;
  const meanOrders = (scale: number) => {
    const rng = createRandom(0x5eed);
    let total = 0;
    const samples = 4000;
    for (let i = 0; i < samples; i++) total += orderDaysAgo(rng, rng.weighted(mix), scale).length;
    return total / samples;
  };
  const at1 = meanOrders(1);
  const slope = meanOrders(2) - at1;
  if (slope <= 0) return 1;
  return Math.min(50, Math.max(0.05, 1 + (ordersPerAccount - at1) / slope));
}
