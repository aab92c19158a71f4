/**
 * Seeded randomness for the generator. Math.random and crypto.randomUUID are never used here: the
 * same seed must rebuild the same business, byte for byte, on any machine.
 */

/** murmur3's finaliser: a bijection on 32-bit integers that spreads every input bit. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Derives an independent 32-bit seed from a base seed and a path of keys (table, index, …). */
export function deriveSeed(seed: number, ...keys: number[]): number {
  let h = mix32(seed ^ 0x9e3779b9);
  for (const key of keys) h = mix32((h + Math.imul(key + 1, 0x9e3779b9)) >>> 0);
  return h;
}

export type Random = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** Uniform real in [min, max). */
  between(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks a key with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K;
  /** Up to `count` distinct items, in the order they appear in `items`. */
  sample<T>(items: readonly T[], count: number): T[];
};

/** mulberry32: tiny, fast and good enough for test data; one generator per account keeps accounts independent. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    between: (min, max) => min + next() * (max - min),
    chance: (probability) => next() < probability,
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
      const entries = Object.entries(weights) as [K, number][];
      let roll = next() * entries.reduce((sum, [, w]) => sum + w, 0);
      for (const [key, weight] of entries) {
        roll -= weight;
        if (roll < 0) return key;
      }
      const last = entries[entries.length - 1];
      if (!last) throw new Error('weighted pick from no weights');
      return last[0];
    },
    sample<T>(items: readonly T[], count: number): T[] {
      const chosen = new Set<number>();
      while (chosen.size < Math.min(count, items.length)) chosen.add(int(0, items.length - 1));
      return items.filter((_, index) => chosen.has(index));
    },
  };
}

const hex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex32 = (w: number) => hex[w >>> 24]! + hex[(w >>> 16) & 255]! + hex[(w >>> 8) & 255]! + hex[w & 255]!;

export type IdSource = { next(): string };

/**
 * Version-4-shaped UUIDs from (seed, counter). The first 32 bits are a bijection of the counter,
 * so ids never collide within one run (below 2^32 ids); the rest look random, like
 * gen_random_uuid(), so index behaviour in the benchmark matches production.
 */
export function createIdSource(seed: number): IdSource {
  const base = deriveSeed(seed, 0x1d);
  let counter = 0;
  return {
    next() {
      const n = counter++;
      const w0 = mix32((n + base) >>> 0);
      const w1 = (mix32(w0 ^ 0x68e31da4) & 0xffff0fff) | 0x00004000;
      const w2 = ((mix32(w0 ^ 0xb5297a4d) & 0x3fffffff) | 0x80000000) >>> 0;
      const w3 = mix32(w0 ^ 0x1b56c4e9);
      const a = hex32(w0);
      const b = hex32(w1);
      const c = hex32(w2);
      return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${hex32(w3)}`;
    },
  };
}
