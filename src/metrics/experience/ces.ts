// CES (customer effort score): the mean answer on a 1–7 scale where 7 = "very easy" (higher is
// better). Interval: Student t, mean ± t_{n−1}·s/√n (stats/mean.ts). Period change: Welch's t-test.
// Scores outside 1–7 or missing are not counted; the t interval assumes independent answers and
// leans on the CLT for these bounded scores (fine for n ≳ 30, the default minimum group size).
import { z } from 'zod';
import { type MeanSummary, meanInterval, summariseValues, welchTest } from '../stats/mean.js';
import { type MetricChange, NO_CHANGE } from './change.js';

export const CES_SCALE = { min: 1, max: 7 } as const;

export const CesSummary = z.object({
  n: z.number().int().min(0),
  mean: z.number().nullable(),
  sd: z.number().nullable(),
});
export type CesSummary = z.infer<typeof CesSummary>;

export const CesResult = CesSummary.extend({
  low: z.number().nullable(),
  high: z.number().nullable(),
});
export type CesResult = z.infer<typeof CesResult>;

export function summariseCes(
  scores: readonly (number | null | undefined)[],
  scale = CES_SCALE,
): CesSummary {
  const valid = scores.filter(
    (s): s is number =>
      s !== null && s !== undefined && Number.isFinite(s) && s >= scale.min && s <= scale.max,
  );
  return summariseValues(valid);
}

export function cesFromSummary(s: CesSummary, confidence = 0.95): CesResult {
  const m = meanInterval(s as MeanSummary, confidence);
  return { ...s, low: m.low, high: m.high };
}

export function computeCes(
  scores: readonly (number | null | undefined)[],
  confidence = 0.95,
): CesResult {
  return cesFromSummary(summariseCes(scores), confidence);
}

export function compareCes(before: CesSummary, after: CesSummary, alpha = 0.05): MetricChange {
  if (before.n === 0 || after.n === 0) return NO_CHANGE;
  const w = welchTest(before, after, 1 - alpha);
  return {
    diff: w.diff,
    low: w.diffLow,
    high: w.diffHigh,
    pValue: w.pValue,
    significant: w.pValue < alpha,
  };
}
