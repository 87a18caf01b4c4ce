// CSAT: the top-2-box share, answers at or above `satisfiedMin` (4 on a 1–5 scale) over all valid
// answers. Interval: Wilson score (stats/proportion.ts). Period change: pooled two-proportion
// z-test, difference with an unpooled Wald interval. Scores outside [scaleMin, scaleMax] or missing
// are not counted; assumes one answer per respondent per period.
import { z } from 'zod';
import { twoProportionTest, wilsonInterval } from '../stats/proportion.js';
import { type MetricChange, NO_CHANGE } from './change.js';

export const CSAT_SCALE = { min: 1, max: 5, satisfiedMin: 4 } as const;

export const CsatCounts = z.object({
  satisfied: z.number().int().min(0),
  n: z.number().int().min(0),
});
export type CsatCounts = z.infer<typeof CsatCounts>;

export const CsatResult = CsatCounts.extend({
  /** Share satisfied, 0..1; null when n = 0. */
  csat: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
});
export type CsatResult = z.infer<typeof CsatResult>;

export function countCsat(
  scores: readonly (number | null | undefined)[],
  scale = CSAT_SCALE,
): CsatCounts {
  let satisfied = 0;
  let n = 0;
  for (const s of scores) {
    if (s === null || s === undefined || !Number.isFinite(s) || s < scale.min || s > scale.max)
      continue;
    n++;
    if (s >= scale.satisfiedMin) satisfied++;
  }
  return { satisfied, n };
}

export function csatFromCounts(c: CsatCounts, confidence = 0.95): CsatResult {
  const w = wilsonInterval(c.satisfied, c.n, confidence);
  return { ...c, csat: w.rate, low: w.low, high: w.high };
}

export function computeCsat(
  scores: readonly (number | null | undefined)[],
  confidence = 0.95,
): CsatResult {
  return csatFromCounts(countCsat(scores), confidence);
}

export function compareCsat(before: CsatCounts, after: CsatCounts, alpha = 0.05): MetricChange {
  if (before.n === 0 || after.n === 0) return NO_CHANGE;
  const t = twoProportionTest(before.satisfied, before.n, after.satisfied, after.n);
  return {
    diff: t.diff,
    low: t.diffLow,
    high: t.diffHigh,
    pValue: t.pValue,
    significant: t.pValue < alpha,
  };
}
