// Draws purchase histories from a BG/NBD population with a seeded generator, so that tests and demo
// data are reproducible and a fit can be checked against the parameters that made the data.

import type { BgNbdParams } from './bgnbd.ts';
import type { PurchaseHistory } from './summary.ts';

export type Random = () => number;

/** mulberry32: a small, fast generator with period 2^32; enough for simulation, not secrets. */
export function createSeededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Uniform on (0, 1), never 0, so that logarithms stay finite. */
function openUnit(random: Random): number {
  let u = random();
  while (u === 0) u = random();
  return u;
}

function standardNormal(random: Random): number {
  return Math.sqrt(-2 * Math.log(openUnit(random))) * Math.cos(2 * Math.PI * random());
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000), with the u^(1/shape) boost for shape < 1. */
export function sampleGamma(random: Random, shape: number): number {
  if (shape < 1) return sampleGamma(random, shape + 1) * openUnit(random) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const normal = standardNormal(random);
    const v = (1 + c * normal) ** 3;
    if (v > 0 && Math.log(openUnit(random)) < 0.5 * normal ** 2 + d - d * v + d * Math.log(v)) {
      return d * v;
    }
  }
}

export type SimulationInput = {
  customers: number;
  /** Each customer's age T is drawn uniformly from [minT, maxT]. */
  minT: number;
  maxT: number;
  seed: number;
};

/**
 * Histories under the BG/NBD story: purchase rate λ ~ Gamma(r, α), dropout probability p ~ Beta(a,
 * b), Poisson purchases while alive, and after each repeat purchase the customer leaves with
 * probability p.
 */
export function simulateBgNbdCustomers(
  params: BgNbdParams,
  input: SimulationInput,
): PurchaseHistory[] {
  const random = createSeededRandom(input.seed);
  const histories: PurchaseHistory[] = [];
  for (let i = 0; i < input.customers; i++) {
    const T = input.minT + (input.maxT - input.minT) * random();
    const rate = sampleGamma(random, params.r) / params.alpha;
    const left = sampleGamma(random, params.a);
    const dropout = left / (left + sampleGamma(random, params.b));
    let x = 0;
    let tx = 0;
    let t = -Math.log(openUnit(random)) / rate;
    while (t <= T) {
      x++;
      tx = t;
      if (random() < dropout) break;
      t += -Math.log(openUnit(random)) / rate;
    }
    histories.push({ x, tx, T });
  }
  return histories;
}
