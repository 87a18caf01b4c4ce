// Net Promoter Score: NPS = 100·(P − D)/n on 0–10 answers, promoters 9–10, detractors 0–6,
// passives 7–8. Interval: adjusted Wald for the difference of two multinomial shares
// (Rocks 2016; Sauro & Lewis): add 3/4 to promoters and to detractors and 3/2 to n, then
// NPS' ± z·√((p'_P + p'_D − (p'_P − p'_D)²)/n'), clipped to [−100, 100]. The point estimate stays
// the raw NPS. Period change: z = (NPS₂ − NPS₁)/√(V₁ + V₂) on the adjusted variances; assumes
// independent respondents in the two periods. Scores outside 0–10 or missing are not counted.
import { z } from 'zod';
import { normalQuantile, twoSidedP } from '../stats/normal.js';
import { type MetricChange, NO_CHANGE } from './change.js';

export const NpsCounts = z.object({
  promoters: z.number().int().min(0),
  passives: z.number().int().min(0),
  detractors: z.number().int().min(0),
});
export type NpsCounts = z.infer<typeof NpsCounts>;

export const NpsResult = NpsCounts.extend({
  n: z.number().int().min(0),
  /** −100..100; null when n = 0. */
  nps: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  /** Standard error (NPS points) of the adjusted estimate. */
  se: z.number().nullable(),
});
export type NpsResult = z.infer<typeof NpsResult>;

/** Sorts one 0–10 answer; null for missing or out-of-range scores. */
export function npsBand(score: number | null | undefined): keyof NpsCounts | null {
  if (score === null || score === undefined || !Number.isFinite(score)) return null;
  if (score < 0 || score > 10) return null;
  if (score >= 9) return 'promoters';
  if (score >= 7) return 'passives';
  return 'detractors';
}

export function countNps(scores: readonly (number | null | undefined)[]): NpsCounts {
  const c: NpsCounts = { promoters: 0, passives: 0, detractors: 0 };
  for (const s of scores) {
    const band = npsBand(s);
    if (band) c[band]++;
  }
  return c;
}

function adjusted(c: NpsCounts): { est: number; variance: number } {
  const n = c.promoters + c.passives + c.detractors + 1.5;
  const p = (c.promoters + 0.75) / n;
  const d = (c.detractors + 0.75) / n;
  const est = p - d;
  return { est, variance: (p + d - est * est) / n };
}

export function npsFromCounts(c: NpsCounts, confidence = 0.95): NpsResult {
  const n = c.promoters + c.passives + c.detractors;
  if (n === 0) return { ...c, n, nps: null, low: null, high: null, se: null };
  const nps = (100 * (c.promoters - c.detractors)) / n;
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const a = adjusted(c);
  const se = 100 * Math.sqrt(a.variance);
  const low = Math.max(-100, 100 * a.est - z * se);
  const high = Math.min(100, 100 * a.est + z * se);
  return { ...c, n, nps, low, high, se };
}

export function computeNps(
  scores: readonly (number | null | undefined)[],
  confidence = 0.95,
): NpsResult {
  return npsFromCounts(countNps(scores), confidence);
}

/** Change from `before` to `after` (NPS points), z-test on the adjusted variances. */
export function compareNps(before: NpsCounts, after: NpsCounts, alpha = 0.05): MetricChange {
  const n1 = before.promoters + before.passives + before.detractors;
  const n2 = after.promoters + after.passives + after.detractors;
  if (n1 === 0 || n2 === 0) return NO_CHANGE;
  const diff =
    (100 * (after.promoters - after.detractors)) / n2 -
    (100 * (before.promoters - before.detractors)) / n1;
  const se = 100 * Math.sqrt(adjusted(before).variance + adjusted(after).variance);
  const z = normalQuantile(1 - alpha / 2);
  const pValue = twoSidedP(diff / se);
  return { diff, low: diff - z * se, high: diff + z * se, pValue, significant: pValue < alpha };
}
