// Change points in a binomial daily series (x_t successes out of n_t trials): when did a rate change?
// Binary segmentation with a likelihood-ratio test. A segment [a, b) has one rate p; its log-likelihood
// is Σ x_t·log(p·s_t) + (n_t − x_t)·log(1 − p·s_t), where s_t is the weekday factor of day t (1 when
// seasonality is off) and p = Σx / Σ(n·s). The best split maximises LR = 2·(ℓ_left + ℓ_right − ℓ_whole).
// LR is divided by an overdispersion factor φ = Pearson χ²/df of the fitted segments (at least 1),
// and a split is kept when its Bonferroni p-value over the candidate positions, m·P(χ²₁ > LR/φ), is
// below alpha; then both halves are searched again. Weekday factors are estimated from the
// residuals of a first pass, so a weekly rhythm is not mistaken for a change (two passes).
import { twoSidedP } from './normal.js';

export interface BinomialPoint {
  x: number;
  n: number;
  /** 0–6 weekday of the point (0 = Monday); only used when `weekly` is on. */
  weekday?: number;
}

export interface ChangePointOptions {
  /** Family-wise level of each split test (default 0.01). */
  alpha?: number;
  /** Shortest segment in points (default 3). */
  minSegment?: number;
  /** At most this many change points (default 5). */
  maxChanges?: number;
  /** Estimate and remove weekday factors (default true when there are at least 21 points). */
  weekly?: boolean;
}

export interface Segment {
  from: number;
  /** Exclusive. */
  to: number;
  x: number;
  n: number;
  rate: number;
}

export interface ChangePoint {
  /** Index of the first point of the new regime. */
  index: number;
  before: Segment;
  after: Segment;
  /** after.rate − before.rate. */
  delta: number;
  /** Likelihood ratio after the overdispersion correction. */
  lr: number;
  /** Bonferroni-corrected p-value of the split. */
  pValue: number;
}

export interface ChangePointResult {
  changes: ChangePoint[];
  segments: Segment[];
  /** Overdispersion factor used (1 = binomial). */
  dispersion: number;
  /** Weekday factors (Monday first), all 1 when off. */
  weekdayFactors: number[];
}

const EPS = 1e-9;

function segmentLogLik(
  points: readonly BinomialPoint[],
  s: readonly number[],
  a: number,
  b: number,
): number {
  let sx = 0;
  let sn = 0;
  for (let t = a; t < b; t++) {
    const pt = points[t] as BinomialPoint;
    sx += pt.x;
    sn += pt.n * (s[t] ?? 1);
  }
  if (sn <= 0) return 0;
  const p = sx / sn;
  let ll = 0;
  for (let t = a; t < b; t++) {
    const pt = points[t] as BinomialPoint;
    if (pt.n === 0) continue;
    const q = Math.min(1 - EPS, Math.max(EPS, p * (s[t] ?? 1)));
    ll += pt.x * Math.log(q) + (pt.n - pt.x) * Math.log(1 - q);
  }
  return ll;
}

function bestSplit(
  points: readonly BinomialPoint[],
  s: readonly number[],
  a: number,
  b: number,
  minSeg: number,
): { index: number; lr: number } | undefined {
  const whole = segmentLogLik(points, s, a, b);
  let best: { index: number; lr: number } | undefined;
  for (let k = a + minSeg; k <= b - minSeg; k++) {
    const lr = 2 * (segmentLogLik(points, s, a, k) + segmentLogLik(points, s, k, b) - whole);
    if (!best || lr > best.lr) best = { index: k, lr };
  }
  return best;
}

function summarise(points: readonly BinomialPoint[], from: number, to: number): Segment {
  let x = 0;
  let n = 0;
  for (let t = from; t < to; t++) {
    x += points[t]?.x ?? 0;
    n += points[t]?.n ?? 0;
  }
  return { from, to, x, n, rate: n > 0 ? x / n : 0 };
}

function segmentRuns(
  points: readonly BinomialPoint[],
  s: readonly number[],
  dispersion: number,
  opts: Required<ChangePointOptions>,
): number[] {
  const cuts: number[] = [];
  const m = Math.max(1, points.length - 2 * opts.minSegment + 1);
  const stack: [number, number][] = [[0, points.length]];
  while (stack.length > 0 && cuts.length < opts.maxChanges) {
    const [a, b] = stack.pop() as [number, number];
    if (b - a < 2 * opts.minSegment) continue;
    const split = bestSplit(points, s, a, b, opts.minSegment);
    if (!split) continue;
    const p = Math.min(1, m * twoSidedP(Math.sqrt(Math.max(0, split.lr / dispersion))));
    if (p >= opts.alpha) continue;
    cuts.push(split.index);
    stack.push([a, split.index], [split.index, b]);
  }
  return cuts.sort((x, y) => x - y);
}

function fittedRates(
  points: readonly BinomialPoint[],
  s: readonly number[],
  cuts: readonly number[],
): number[] {
  const bounds = [0, ...cuts, points.length];
  const fitted = new Array<number>(points.length).fill(0);
  for (let i = 0; i + 1 < bounds.length; i++) {
    const a = bounds[i] as number;
    const b = bounds[i + 1] as number;
    let sx = 0;
    let sn = 0;
    for (let t = a; t < b; t++) {
      sx += points[t]?.x ?? 0;
      sn += (points[t]?.n ?? 0) * (s[t] ?? 1);
    }
    for (let t = a; t < b; t++) fitted[t] = sn > 0 ? Math.min(1 - EPS, (sx / sn) * (s[t] ?? 1)) : 0;
  }
  return fitted;
}

function weekdayFactors(points: readonly BinomialPoint[], fitted: readonly number[]): number[] {
  const obs = new Array<number>(7).fill(0);
  const exp = new Array<number>(7).fill(0);
  points.forEach((pt, t) => {
    if (pt.weekday === undefined) return;
    obs[pt.weekday] = (obs[pt.weekday] ?? 0) + pt.x;
    exp[pt.weekday] = (exp[pt.weekday] ?? 0) + pt.n * (fitted[t] ?? 0);
  });
  // Shrink toward 1 with a prior worth 20 expected successes, so thin weekdays stay near 1.
  return obs.map((o, w) => (o + 20) / ((exp[w] ?? 0) + 20));
}

function dispersionOf(
  points: readonly BinomialPoint[],
  fitted: readonly number[],
  params: number,
): number {
  let chi2 = 0;
  let df = -params;
  points.forEach((pt, t) => {
    const p = fitted[t] ?? 0;
    if (pt.n === 0 || p <= 0 || p >= 1) return;
    chi2 += (pt.x - pt.n * p) ** 2 / (pt.n * p * (1 - p));
    df++;
  });
  return df > 0 ? Math.max(1, chi2 / df) : 1;
}

/** Finds the days where a binomial rate changed. */
export function detectChangePoints(
  points: readonly BinomialPoint[],
  options: ChangePointOptions = {},
): ChangePointResult {
  const opts: Required<ChangePointOptions> = {
    alpha: options.alpha ?? 0.01,
    minSegment: options.minSegment ?? 3,
    maxChanges: options.maxChanges ?? 5,
    weekly: options.weekly ?? (points.length >= 21 && points.every((p) => p.weekday !== undefined)),
  };
  let s = new Array<number>(points.length).fill(1);
  let factors = new Array<number>(7).fill(1);
  let cuts = segmentRuns(points, s, 1, opts);
  let dispersion = dispersionOf(points, fittedRates(points, s, cuts), cuts.length + 1);
  for (let pass = 0; pass < 2; pass++) {
    if (opts.weekly) {
      factors = weekdayFactors(
        points,
        fittedRates(points, new Array<number>(points.length).fill(1), cuts),
      );
      s = points.map((p) => factors[p.weekday ?? 0] ?? 1);
    }
    cuts = segmentRuns(points, s, dispersion, opts);
    dispersion = dispersionOf(
      points,
      fittedRates(points, s, cuts),
      cuts.length + 1 + (opts.weekly ? 6 : 0),
    );
  }
  const bounds = [0, ...cuts, points.length];
  const segments = bounds.slice(0, -1).map((a, i) => summarise(points, a, bounds[i + 1] as number));
  const m = Math.max(1, points.length - 2 * opts.minSegment + 1);
  const changes = cuts.map((index, i) => {
    const before = segments[i] as Segment;
    const after = segments[i + 1] as Segment;
    const lr =
      (2 *
        (segmentLogLik(points, s, before.from, index) +
          segmentLogLik(points, s, index, after.to) -
          segmentLogLik(points, s, before.from, after.to))) /
      dispersion;
    return {
      index,
      before,
      after,
      delta: after.rate - before.rate,
      lr,
      pValue: Math.min(1, m * twoSidedP(Math.sqrt(Math.max(0, lr)))),
    };
  });
  return { changes, segments, dispersion, weekdayFactors: factors };
}
