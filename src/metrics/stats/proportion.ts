// Proportions: the Wilson score interval for one rate, and the two-proportion z-test for a
// difference between two rates.
// Wilson (1927): centre (x + z²/2)/(n + z²), half-width z·sqrt(x(n−x)/n + z²/4)/(n + z²); good
// coverage even for small n and rates near 0 or 1 (unlike the Wald interval).
// Two-proportion z-test: z = (p1 − p2)/sqrt(p̂(1 − p̂)(1/n1 + 1/n2)) with the pooled p̂ = (x1 + x2)/(n1 + n2);
// assumes independent binomial samples. The difference carries an unpooled Wald interval.
import { normalQuantile, twoSidedP } from './normal.js';

export interface Proportion {
  /** Successes / trials; null when there are no trials. */
  rate: number | null;
  low: number | null;
  high: number | null;
}

/** Rate x/n with its Wilson score interval at the given confidence (default 95%). */
export function wilsonInterval(x: number, n: number, confidence = 0.95): Proportion {
  if (n <= 0) return { rate: null, low: null, high: null };
  if (x < 0 || x > n) throw new RangeError(`wilsonInterval: successes ${x} outside 0..${n}`);
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const z2 = z * z;
  const p = x / n;
  const denom = n + z2;
  const centre = (x + z2 / 2) / denom;
  const half = (z * Math.sqrt((x * (n - x)) / n + z2 / 4)) / denom;
  return { rate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export interface TwoProportionTest {
  p1: number | null;
  p2: number | null;
  /** p2 − p1. */
  diff: number | null;
  /** 95% Wald interval of the difference. */
  diffLow: number | null;
  diffHigh: number | null;
  z: number | null;
  /** Two-sided p-value (1 when a side is empty or both rates are 0 or 1). */
  pValue: number;
}

/** Tests whether rate x2/n2 differs from x1/n1 (pooled two-proportion z-test). */
export function twoProportionTest(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
): TwoProportionTest {
  if (n1 <= 0 || n2 <= 0) {
    const p1 = n1 > 0 ? x1 / n1 : null;
    const p2 = n2 > 0 ? x2 / n2 : null;
    return { p1, p2, diff: null, diffLow: null, diffHigh: null, z: null, pValue: 1 };
  }
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const diff = p2 - p1;
  const seDiff = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  const z = se > 0 ? diff / se : 0;
  return {
    p1,
    p2,
    diff,
    diffLow: diff - 1.959964 * seDiff,
    diffHigh: diff + 1.959964 * seDiff,
    z,
    pValue: se > 0 ? twoSidedP(z) : 1,
  };
}
