// Trend of a short series (monthly churn rates): the Mann–Kendall test and Sen's slope.
// S = Σ_{i<j} sign(y_j − y_i); Var(S) = [n(n−1)(2n+5) − Σ_t t(t−1)(2t+5)] / 18 with t the sizes of
// tied groups; z = (S − sign(S)) / sqrt(Var S) (continuity correction), two-sided p from the
// normal. Sen's slope = median of (y_j − y_i)/(j − i) over i < j, per step (month), with the
// rank-based 95 % interval C = z·sqrt(Var S), M1 = (N − C)/2, M2 = (N + C)/2 + 1 (1-based ranks of
// the N sorted pairwise slopes). Distribution-free, robust to an outlying month; assumes
// independent observations (no autocorrelation). Needs n ≥ 3.
import { normalQuantile, twoSidedP } from '../stats/normal.js';

export interface Trend {
  n: number;
  /** Mann–Kendall S. */
  s: number;
  z: number;
  pValue: number;
  /** Sen's slope per step, with its 95 % interval. */
  slope: number;
  slopeLow: number;
  slopeHigh: number;
  direction: 'rising' | 'falling' | 'flat';
}

function median(sorted: readonly number[]): number {
  const m = sorted.length >> 1;
  return sorted.length % 2 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
}

/** Mann–Kendall trend test and Sen's slope; null with fewer than three values. */
export function mannKendall(values: readonly number[], alpha = 0.05): Trend | null {
  const n = values.length;
  if (n < 3) return null;
  let s = 0;
  const slopes: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = values[j]! - values[i]!;
      s += Math.sign(d);
      slopes.push(d / (j - i));
    }
  }
  const ties = new Map<number, number>();
  for (const v of values) ties.set(v, (ties.get(v) ?? 0) + 1);
  let tieTerm = 0;
  for (const t of ties.values()) tieTerm += t * (t - 1) * (2 * t + 5);
  const varS = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  const z = varS > 0 ? (s - Math.sign(s)) / Math.sqrt(varS) : 0;
  const pValue = varS > 0 ? twoSidedP(z) : 1;
  slopes.sort((a, b) => a - b);
  const N = slopes.length;
  const c = normalQuantile(1 - alpha / 2) * Math.sqrt(varS);
  const lo = Math.max(0, Math.min(N - 1, Math.round((N - c) / 2) - 1));
  const hi = Math.max(0, Math.min(N - 1, Math.round((N + c) / 2)));
  const slope = median(slopes);
  return {
    n,
    s,
    z,
    pValue,
    slope,
    slopeLow: slopes[lo]!,
    slopeHigh: slopes[hi]!,
    direction: pValue >= alpha ? 'flat' : s > 0 ? 'rising' : 'falling',
  };
}
