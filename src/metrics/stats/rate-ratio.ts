// Comparing two Poisson rates: x1 events over exposure t1 (baseline) against x2 over t2 (recent).
// Exact conditional test (Przyborowski & Wilenski 1940): given n = x1 + x2, under H0 (equal rates)
// x2 ~ Binomial(n, π0) with π0 = t2 / (t1 + t2). One-sided p (recent rate higher) = P(X ≥ x2)
// = I_π0(x2, n − x2 + 1), the regularised incomplete beta. Rate ratio RR = (x2/t2)/(x1/t1) with a
// log-scale Wald interval, 0.5 added to each count so it stays finite when a count is 0:
// exp(ln RR' ± z·√(1/(x1+½) + 1/(x2+½))). Exposure can be time or, for shares, the total count
// of all events in each window (then the test compares shares, conditional on volume).

import { normalQuantile } from './normal.js';
import { incompleteBeta } from './student-t.js';

/** P(X ≥ k) for X ~ Binomial(n, p). */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  return incompleteBeta(p, k, n - k + 1);
}

export interface RateRatioTest {
  /** (x2/t2) / (x1/t1); Infinity when x1 = 0 < x2; null when both counts are 0. */
  ratio: number | null;
  /** Wald interval of the ratio on the log scale (0.5 added to each count). */
  low: number;
  high: number;
  /** One-sided exact conditional p-value for "rate 2 > rate 1". */
  pGreater: number;
  /** One-sided exact conditional p-value for "rate 2 < rate 1". */
  pLess: number;
}

/** Tests whether x2 events over exposure t2 is a higher (or lower) rate than x1 over t1. */
export function rateRatioTest(
  x1: number,
  t1: number,
  x2: number,
  t2: number,
  confidence = 0.95,
): RateRatioTest {
  if (!(t1 > 0) || !(t2 > 0)) throw new RangeError('rateRatioTest: exposures must be > 0');
  if (x1 < 0 || x2 < 0) throw new RangeError('rateRatioTest: counts must be ≥ 0');
  const n = x1 + x2;
  const pi0 = t2 / (t1 + t2);
  const ratio = n === 0 ? null : x1 === 0 ? Number.POSITIVE_INFINITY : x2 / t2 / (x1 / t1);
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const logR = Math.log((x2 + 0.5) / t2 / ((x1 + 0.5) / t1));
  const se = Math.sqrt(1 / (x1 + 0.5) + 1 / (x2 + 0.5));
  return {
    ratio,
    low: Math.exp(logR - z * se),
    high: Math.exp(logR + z * se),
    pGreater: binomialUpperTail(x2, n, pi0),
    pLess: binomialUpperTail(x1, n, 1 - pi0),
  };
}
