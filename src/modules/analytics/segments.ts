import type { RfmSegment } from '../../platform/db-schema.ts';

/**
 * The named segment of each (R, F) cell, rows R = 5 (ordered most recently) down to R = 1, columns
 * F = 1 (fewest orders) to F = 5. Monetary value does not move an account between segments: one
 * large first order would otherwise make a new customer look loyal. The same table, with the reasons,
 * is in docs/decisions/0006-rfm-segments-and-health.md; a test keeps the two in step.
 */
export const segmentGrid: Readonly<Record<1 | 2 | 3 | 4 | 5, readonly RfmSegment[]>> = {
  5: ['new', 'promising', 'loyal', 'champions', 'champions'],
  4: ['promising', 'promising', 'loyal', 'loyal', 'champions'],
  3: ['need_attention', 'need_attention', 'need_attention', 'loyal', 'loyal'],
  2: ['hibernating', 'hibernating', 'at_risk', 'at_risk', 'cant_lose'],
  1: ['lost', 'lost', 'at_risk', 'cant_lose', 'cant_lose'],
};

export const segmentLabels: Record<RfmSegment, string> = {
  champions: 'Champions',
  loyal: 'Loyal',
  new: 'New',
  promising: 'Promising',
  need_attention: 'Need attention',
  at_risk: 'At risk',
  cant_lose: "Can't lose",
  hibernating: 'Hibernating',
  lost: 'Lost',
};

const asScore = (value: number): 1 | 2 | 3 | 4 | 5 => {
  if (value === 1 || value === 2 || value === 3 || value === 4 || value === 5) return value;
  throw new Error(`An RFM score is 1–5, not ${value}`);
};

export function segmentFor(recencyScore: number, frequencyScore: number): RfmSegment {
  const segment = segmentGrid[asScore(recencyScore)][asScore(frequencyScore) - 1];
  if (!segment) throw new Error(`No segment for R${recencyScore} F${frequencyScore}`);
  return segment;
}

/** Quintile breakpoints (the 20th, 40th, 60th and 80th percentiles) of one RFM measure. */
export type Breakpoints = readonly [number, number, number, number];
