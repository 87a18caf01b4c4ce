// Means: the t interval of one mean and Welch's t-test for the difference of two means.
// Interval: x̄ ± t_{n−1, 1−α/2}·s/√n with the sample standard deviation s (n − 1 denominator);
// assumes independent observations and a roughly normal sampling distribution of x̄ (the CLT
// makes this good for bounded scores once n ≳ 30). Welch: t = (x̄₂ − x̄₁)/√(s₁²/n₁ + s₂²/n₂) with
// the Welch–Satterthwaite degrees of freedom; no equal-variance assumption.
import { studentTQuantile, studentTTwoSidedP } from './student-t.js';

/** Sufficient statistics of a sample: size, mean and sample standard deviation. */
export interface MeanSummary {
  n: number;
  mean: number | null;
  /** Sample standard deviation (n − 1 denominator); null when n < 2. */
  sd: number | null;
}

export interface MeanInterval {
  n: number;
  mean: number | null;
  low: number | null;
  high: number | null;
  se: number | null;
}

/** Summarises raw values (non-finite values are ignored). */
export function summariseValues(values: readonly number[]): MeanSummary {
  const xs = values.filter((v) => Number.isFinite(v));
  const n = xs.length;
  if (n === 0) return { n: 0, mean: null, sd: null };
  const mean = xs.reduce((s, v) => s + v, 0) / n;
  if (n < 2) return { n, mean, sd: null };
  const ss = xs.reduce((s, v) => s + (v - mean) ** 2, 0);
  return { n, mean, sd: Math.sqrt(ss / (n - 1)) };
}

/** t interval of a mean; bounds are null when n < 2 (no spread to estimate). */
export function meanInterval(s: MeanSummary, confidence = 0.95): MeanInterval {
  if (s.n === 0 || s.mean === null) return { n: s.n, mean: null, low: null, high: null, se: null };
  if (s.n < 2 || s.sd === null) return { n: s.n, mean: s.mean, low: null, high: null, se: null };
  const se = s.sd / Math.sqrt(s.n);
  const t = studentTQuantile(1 - (1 - confidence) / 2, s.n - 1);
  return { n: s.n, mean: s.mean, low: s.mean - t * se, high: s.mean + t * se, se };
}

export interface WelchTest {
  /** mean2 − mean1. */
  diff: number | null;
  diffLow: number | null;
  diffHigh: number | null;
  t: number | null;
  df: number | null;
  pValue: number;
}

/** Welch's t-test of mean2 − mean1 with its interval (p = 1 when either side has n < 2). */
export function welchTest(a: MeanSummary, b: MeanSummary, confidence = 0.95): WelchTest {
  const none: WelchTest = {
    diff: null,
    diffLow: null,
    diffHigh: null,
    t: null,
    df: null,
    pValue: 1,
  };
  if (a.mean === null || b.mean === null) return none;
  const diff = b.mean - a.mean;
  if (a.n < 2 || b.n < 2 || a.sd === null || b.sd === null) return { ...none, diff };
  const va = (a.sd * a.sd) / a.n;
  const vb = (b.sd * b.sd) / b.n;
  const se = Math.sqrt(va + vb);
  if (se === 0)
    return { diff, diffLow: diff, diffHigh: diff, t: null, df: null, pValue: diff === 0 ? 1 : 0 };
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  const t = diff / se;
  const q = studentTQuantile(1 - (1 - confidence) / 2, df);
  return {
    diff,
    diffLow: diff - q * se,
    diffHigh: diff + q * se,
    t,
    df,
    pValue: studentTTwoSidedP(t, df),
  };
}
