// Change points in a binomial daily series (x_t successes out of n_t trials): when did a rate change?
// Circular binary segmentation (Olshen et al. 2004) with a binomial likelihood-ratio test. A set of
// days D has one rate p; its log-likelihood is Σ x_t·log(p·s_t) + (n_t − x_t)·log(1 − p·s_t), where
// s_t is the weekday factor of day t (1 when seasonality is off) and p = Σx / Σ(n·s). In a segment
// [a, b) two kinds of change are searched:
// - a step: one split k, LR = 2·(ℓ[a,k) + ℓ[k,b) − ℓ[a,b));
// - an episode: an interval [i, j) inside the segment whose rate differs from the days around it,
//   LR = 2·(ℓ[i,j) + ℓ([a,i) ∪ [j,b)) − ℓ[a,b)) — a short break in a long series barely moves any
//   single split, but stands out as an interval.
// LR is divided by an overdispersion factor φ = Pearson χ²/df of the fitted segments (at least 1).
// Each family is Bonferroni-corrected over its candidates (m₁ splits, m₂ intervals of the whole
// series) with half of alpha each: p = min(2·m₁·P(χ²₁ > LR₁/φ), 2·m₂·P(χ²₁ > LR₂/φ)). The most
// significant candidate over every open segment is taken first (best-first), its cuts added, and the
// pieces searched again. Weekday factors are estimated from the residuals of a first pass, so a
// weekly rhythm is not mistaken for a change (two passes). Sums are kept per weekday factor, so every
// candidate costs O(7) and a search O(n²).
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
  /** Also search for episodes, intervals that differ from the days around them (default true). */
  episodes?: boolean;
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

/** Prefix sums of x and n per distinct factor value, so a set of days' log-likelihood is O(groups). */
class Sums {
  readonly factors: number[] = [];
  private readonly cx: Float64Array;
  private readonly cn: Float64Array;
  private readonly g: number;
  readonly length: number;

  constructor(points: readonly BinomialPoint[], s: readonly number[]) {
    const index = new Map<number, number>();
    const gid = points.map((_, t) => {
      const f = s[t] ?? 1;
      let i = index.get(f);
      if (i === undefined) {
        i = this.factors.length;
        index.set(f, i);
        this.factors.push(f);
      }
      return i;
    });
    this.g = Math.max(1, this.factors.length);
    this.length = points.length;
    this.cx = new Float64Array(this.g * (points.length + 1));
    this.cn = new Float64Array(this.g * (points.length + 1));
    for (let t = 0; t < points.length; t++) {
      const base = t * this.g;
      for (let k = 0; k < this.g; k++) {
        this.cx[base + this.g + k] = this.cx[base + k] as number;
        this.cn[base + this.g + k] = this.cn[base + k] as number;
      }
      const pt = points[t] as BinomialPoint;
      const at = base + this.g + (gid[t] as number);
      this.cx[at] = (this.cx[at] as number) + pt.x;
      this.cn[at] = (this.cn[at] as number) + pt.n;
    }
  }

  /** Log-likelihood of the days [a, b) minus the days [i, j) (an empty [i, j) when i = j). */
  logLik(a: number, b: number, i = 0, j = 0): number {
    const G = this.g;
    let sx = 0;
    let sn = 0;
    const xs = new Array<number>(G);
    const ns = new Array<number>(G);
    for (let k = 0; k < G; k++) {
      const x =
        (this.cx[b * G + k] as number) -
        (this.cx[a * G + k] as number) -
        ((this.cx[j * G + k] as number) - (this.cx[i * G + k] as number));
      const n =
        (this.cn[b * G + k] as number) -
        (this.cn[a * G + k] as number) -
        ((this.cn[j * G + k] as number) - (this.cn[i * G + k] as number));
      xs[k] = x;
      ns[k] = n;
      sx += x;
      sn += n * (this.factors[k] ?? 1);
    }
    if (sn <= 0) return 0;
    const p = sx / sn;
    let ll = 0;
    for (let k = 0; k < G; k++) {
      const n = ns[k] as number;
      if (n <= 0) continue;
      const x = xs[k] as number;
      const q = Math.min(1 - EPS, Math.max(EPS, p * (this.factors[k] ?? 1)));
      ll += x * Math.log(q) + (n - x) * Math.log(1 - q);
    }
    return ll;
  }
}

interface Candidate {
  /** One cut (a step) or two (an episode). */
  cuts: number[];
  lr: number;
  pValue: number;
}

/** Candidate counts over the whole series: m₁ single splits, m₂ intervals. */
function familySizes(length: number, minSeg: number): { m1: number; m2: number } {
  const k = length - 2 * minSeg + 1;
  const m1 = Math.max(1, k);
  const m2 = k > minSeg ? ((k - minSeg) * (k - minSeg + 1)) / 2 : 0;
  return { m1, m2 };
}

const chi2p = (lr: number) => twoSidedP(Math.sqrt(Math.max(0, lr)));

function bestCandidate(
  sums: Sums,
  a: number,
  b: number,
  dispersion: number,
  opts: Required<ChangePointOptions>,
): Candidate | undefined {
  const minSeg = opts.minSegment;
  if (b - a < 2 * minSeg) return undefined;
  const { m1, m2 } = familySizes(sums.length, minSeg);
  const w = opts.episodes && m2 > 0 ? 2 : 1;
  const whole = sums.logLik(a, b);
  let step: { k: number; lr: number } | undefined;
  for (let k = a + minSeg; k <= b - minSeg; k++) {
    const lr = 2 * (sums.logLik(a, k) + sums.logLik(k, b) - whole);
    if (!step || lr > step.lr) step = { k, lr };
  }
  let best: Candidate | undefined = step
    ? {
        cuts: [step.k],
        lr: step.lr / dispersion,
        pValue: Math.min(1, w * m1 * chi2p(step.lr / dispersion)),
      }
    : undefined;
  if (opts.episodes && m2 > 0) {
    let ep: { i: number; j: number; lr: number } | undefined;
    for (let i = a + minSeg; i <= b - 2 * minSeg; i++) {
      for (let j = i + minSeg; j <= b - minSeg; j++) {
        const lr = 2 * (sums.logLik(i, j) + sums.logLik(a, b, i, j) - whole);
        if (!ep || lr > ep.lr) ep = { i, j, lr };
      }
    }
    if (ep) {
      const pValue = Math.min(1, w * m2 * chi2p(ep.lr / dispersion));
      if (!best || pValue < best.pValue)
        best = { cuts: [ep.i, ep.j], lr: ep.lr / dispersion, pValue };
    }
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
  const sums = new Sums(points, s);
  const cuts: number[] = [];
  const open: { a: number; b: number; best: Candidate | undefined }[] = [
    { a: 0, b: points.length, best: bestCandidate(sums, 0, points.length, dispersion, opts) },
  ];
  while (cuts.length < opts.maxChanges) {
    let at = -1;
    for (let i = 0; i < open.length; i++) {
      const p = open[i]?.best?.pValue ?? 1;
      if (p < opts.alpha && (at < 0 || p < (open[at]?.best?.pValue ?? 1))) at = i;
    }
    if (at < 0) break;
    const seg = open.splice(at, 1)[0] as (typeof open)[number];
    const found = seg.best as Candidate;
    if (cuts.length + found.cuts.length > opts.maxChanges) break;
    cuts.push(...found.cuts);
    const bounds = [seg.a, ...found.cuts, seg.b];
    for (let i = 0; i + 1 < bounds.length; i++) {
      const a = bounds[i] as number;
      const b = bounds[i + 1] as number;
      open.push({ a, b, best: bestCandidate(sums, a, b, dispersion, opts) });
    }
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

/** Finds the days where a binomial rate changed: steps and episodes (a change and its return). */
export function detectChangePoints(
  points: readonly BinomialPoint[],
  options: ChangePointOptions = {},
): ChangePointResult {
  const opts: Required<ChangePointOptions> = {
    alpha: options.alpha ?? 0.01,
    minSegment: options.minSegment ?? 3,
    maxChanges: options.maxChanges ?? 5,
    weekly: options.weekly ?? (points.length >= 21 && points.every((p) => p.weekday !== undefined)),
    episodes: options.episodes ?? true,
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
  const sums = new Sums(points, s);
  const bounds = [0, ...cuts, points.length];
  const segments = bounds.slice(0, -1).map((a, i) => summarise(points, a, bounds[i + 1] as number));
  const { m1 } = familySizes(points.length, opts.minSegment);
  const changes = cuts.map((index, i) => {
    const before = segments[i] as Segment;
    const after = segments[i + 1] as Segment;
    const lr =
      (2 *
        (sums.logLik(before.from, index) +
          sums.logLik(index, after.to) -
          sums.logLik(before.from, after.to))) /
      dispersion;
    return {
      index,
      before,
      after,
      delta: after.rate - before.rate,
      lr,
      pValue: Math.min(1, m1 * chi2p(lr)),
    };
  });
  return { changes, segments, dispersion, weekdayFactors: factors };
}

/**
 * The best single split of points[from, to) among the indices lo..hi (inclusive), by binomial LR
 * (no weekday factors: the window is short). Used to date a change found in a total on the series
 * of the segment it concentrates in, where the contrast is sharper. Undefined when no index in
 * lo..hi leaves data on both sides.
 */
export function locateChange(
  points: readonly BinomialPoint[],
  from: number,
  to: number,
  lo: number,
  hi: number,
): { index: number; lr: number } | undefined {
  const sums = new Sums(points, []);
  const whole = sums.logLik(from, to);
  let best: { index: number; lr: number } | undefined;
  for (let k = Math.max(from + 1, lo); k <= Math.min(to - 1, hi); k++) {
    const lr = 2 * (sums.logLik(from, k) + sums.logLik(k, to) - whole);
    if (!best || lr > best.lr + 1e-9) best = { index: k, lr };
  }
  return best;
}
