// Spike detection on a daily count series, robust to weekly seasonality.
// Baseline of day d, two ways:
// - same weekday (when ≥ `minWeeks` of it exist): history = counts on the same weekday in the
//   previous `baselineWeeks` weeks (d−7, d−14, …);
// - all days (fallback, when fewer weeks but ≥ `minDays` days exist): history = every day of the
//   previous `baselineWeeks` weeks, each divided by its weekday factor; the baseline is then scaled
//   back by the factor of d's weekday. Factors come from `weekdayFactors` (the caller estimates them
//   across channels, see weekdayFactorsOf) or from the series itself. Real imports often hold only
//   3–6 months, and a storm in the first six weeks must not go unseen.
// baseline = median(history); rate λ = max(baseline, m, 1) with m the history mean without its
// largest values (a lucky-low median must not make an ordinary day look extreme). Two scores, the
// smaller one is z:
//   robust   z_r = (count − baseline) / max(1.4826 · MAD(history), √λ)
//   Poisson  z_p = 2 · (√(count + 3/8) − √(λ + 3/8))   (Anscombe transform: ≈ N(0, 1) for Poisson
//            counts, which a plain √λ scale badly understates in the right tail at small λ)
// A spike day has z ≥ zThreshold and count ≥ minCount. A storm lasts days, and its single days may
// each stay under the bar: runs of 2 … `maxRun` consecutive days are scored the same way on their
// sums (Σcount against Σbaseline, Σλ, √Σscale²), and a run with z ≥ runZThreshold and Σcount ≥
// minCount makes its days from the first to the last with z ≥ `dayZ` spike days; runs test many
// hypotheses, so their bar is higher (runZThreshold, zThreshold + 1 = 5). Spike days at most maxGapDays apart merge
// into one episode, which then extends over neighbouring days with z ≥ dayZ (a storm's tail).

export interface SpikeOptions {
  baselineWeeks?: number;
  minWeeks?: number;
  /** Fewest previous days for the all-days baseline when same-weekday history is short (21). */
  minDays?: number;
  /** Weekday factors (Monday first, mean 1) for the all-days baseline; else from the series. */
  weekdayFactors?: readonly number[];
  zThreshold?: number;
  minCount?: number;
  maxGapDays?: number;
  /** Longest run of days scored on its sum (default 7; 1 = single days only). */
  maxRun?: number;
  /** z a run of days needs on its sums (default zThreshold + 1: there are many runs to test). */
  runZThreshold?: number;
  /** z a day needs to belong to a storm found on a run, or to extend one (default 2). */
  dayZ?: number;
}

export interface DayStat {
  day: number;
  count: number;
  baseline: number;
  scale: number;
  /** Expected count λ behind the Poisson score. */
  rate: number;
  z: number;
  /** Same-weekday history, or all days adjusted by weekday factors (short history). */
  basis: 'weekday' | 'all_days';
}

export interface Episode {
  fromDay: number;
  toDay: number;
  days: DayStat[];
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

/** Mean without the largest value (one past storm in the history does not count). */
export function trimmedMean(xs: readonly number[]): number {
  if (xs.length < 2) return xs[0] ?? 0;
  let sum = 0;
  let max = Number.NEGATIVE_INFINITY;
  for (const x of xs) {
    sum += x;
    max = Math.max(max, x);
  }
  return (sum - max) / (xs.length - 1);
}

/** Mean without the largest tenth of the values (at least one): a past storm of days drops out. */
function topTrimmedMean(xs: readonly number[]): number {
  if (xs.length < 2) return xs[0] ?? 0;
  const s = [...xs].sort((a, b) => a - b);
  const keep = s.slice(0, s.length - Math.max(1, Math.floor(s.length / 10)));
  return keep.reduce((a, b) => a + b, 0) / keep.length;
}

/** Weekday (0 = Monday) of an epoch day number. */
export const weekdayOf = (day: number): number => (((day + 3) % 7) + 7) % 7;

/**
 * Weekday factors (Monday first, mean 1) of a daily series starting at epoch day firstDay: per
 * weekday the mean without its largest tenth, shrunk toward the overall level with a prior worth
 * 20 counts, so a storm or a thin weekday barely moves them.
 */
export function weekdayFactorsOf(counts: readonly number[], firstDay: number): number[] {
  const byWeekday: number[][] = Array.from({ length: 7 }, () => []);
  counts.forEach((c, i) => {
    byWeekday[weekdayOf(firstDay + i)]?.push(c);
  });
  const means = byWeekday.map((xs) => (xs.length ? topTrimmedMean(xs) : Number.NaN));
  const known = means.filter((m) => Number.isFinite(m));
  const level = known.length ? known.reduce((a, b) => a + b, 0) / known.length : 0;
  if (!(level > 0)) return new Array<number>(7).fill(1);
  const raw = means.map((m, w) => {
    if (!Number.isFinite(m)) return 1;
    const n = byWeekday[w]?.length ?? 0;
    return (n * m + 20) / (n * level + 20);
  });
  const mean = raw.reduce((a, b) => a + b, 0) / 7;
  return raw.map((f) => f / mean);
}

/** Anscombe-transformed Poisson score z_p = 2 · (√(count + 3/8) − √(λ + 3/8)). */
function poissonZ(count: number, rate: number): number {
  return 2 * (Math.sqrt(count + 0.375) - Math.sqrt(rate + 0.375));
}

/** One day's scores from its baseline, MAD and rate λ: z = min(z_r, z_p) (header formulas). */
function scoreDay(
  day: number,
  count: number,
  baseline: number,
  mad: number,
  rate: number,
  basis: DayStat['basis'],
): DayStat {
  const scale = Math.max(1.4826 * mad, Math.sqrt(rate));
  const z = Math.min((count - baseline) / scale, poissonZ(count, rate));
  return { day, count, baseline, scale, rate, z, basis };
}

/** Baseline statistics for every day that has enough history. */
export function dailyStats(
  counts: readonly number[],
  firstDay: number,
  options: SpikeOptions = {},
): DayStat[] {
  const weeks = options.baselineWeeks ?? 8;
  const minWeeks = options.minWeeks ?? 6;
  const minDays = options.minDays ?? 21;
  let factors: readonly number[] | undefined = options.weekdayFactors;
  const out: DayStat[] = [];
  for (let i = 0; i < counts.length; i++) {
    const hist: number[] = [];
    for (let w = 1; w <= weeks && i - 7 * w >= 0; w++) hist.push(counts[i - 7 * w] ?? 0);
    const count = counts[i] ?? 0;
    if (hist.length >= minWeeks) {
      const baseline = median(hist);
      const mad = median(hist.map((x) => Math.abs(x - baseline)));
      const rate = Math.max(baseline, trimmedMean(hist), 1);
      out.push(scoreDay(firstDay + i, count, baseline, mad, rate, 'weekday'));
      continue;
    }
    if (i < minDays) continue;
    factors ??= weekdayFactorsOf(counts, firstDay);
    const f = (d: number) => factors?.[weekdayOf(d)] ?? 1;
    const adjusted: number[] = [];
    for (let j = Math.max(0, i - 7 * weeks); j < i; j++)
      adjusted.push((counts[j] ?? 0) / f(firstDay + j));
    const fi = f(firstDay + i);
    const level = median(adjusted);
    const baseline = level * fi;
    const mad = median(adjusted.map((x) => Math.abs(x - level))) * fi;
    const rate = Math.max(baseline, topTrimmedMean(adjusted) * fi, 1);
    out.push(scoreDay(firstDay + i, count, baseline, mad, rate, 'all_days'));
  }
  return out;
}

/** z of a run of days, scored on its sums the way a single day is. */
function runZ(days: readonly DayStat[]): number {
  let count = 0;
  let baseline = 0;
  let rate = 0;
  let var2 = 0;
  for (const s of days) {
    count += s.count;
    baseline += s.baseline;
    rate += s.rate;
    var2 += s.scale * s.scale;
  }
  return Math.min((count - baseline) / Math.sqrt(var2), poissonZ(count, rate));
}

/** Days that spike, merged into episodes. */
export function detectSpikes(
  counts: readonly number[],
  firstDay: number,
  options: SpikeOptions = {},
): Episode[] {
  const zThreshold = options.zThreshold ?? 4;
  const minCount = options.minCount ?? 10;
  const maxGap = options.maxGapDays ?? 1;
  const maxRun = Math.max(1, options.maxRun ?? 7);
  const dayZ = options.dayZ ?? 2;
  const runThreshold = options.runZThreshold ?? zThreshold + 1;
  const stats = dailyStats(counts, firstDay, options);
  const spike = new Array<boolean>(stats.length).fill(false);
  for (let i = 0; i < stats.length; i++) {
    const s = stats[i] as DayStat;
    if (s.z >= zThreshold && s.count >= minCount) spike[i] = true;
    // Runs of consecutive judged days starting at i.
    let sum = s.count;
    for (let len = 2; len <= maxRun && i + len - 1 < stats.length; len++) {
      const last = stats[i + len - 1] as DayStat;
      if (last.day !== s.day + len - 1) break;
      sum += last.count;
      const run = stats.slice(i, i + len);
      if (sum < minCount || runZ(run) < runThreshold) continue;
      // The run's span from its first to its last day with z ≥ dayZ: a quieter day inside a
      // storm does not split it.
      const hot = run.flatMap((d, k) => (d.z >= dayZ ? [k] : []));
      for (let k = hot[0] ?? 1; k <= (hot[hot.length - 1] ?? 0); k++) spike[i + k] = true;
    }
  }
  const episodes: Episode[] = [];
  stats.forEach((s, i) => {
    if (!spike[i]) return;
    const last = episodes[episodes.length - 1];
    if (last !== undefined && s.day - last.toDay <= maxGap + 1) {
      last.toDay = s.day;
      last.days.push(s);
    } else {
      episodes.push({ fromDay: s.day, toDay: s.day, days: [s] });
    }
  });
  // A storm's first and last days: neighbours with z ≥ dayZ join it.
  const byDay = new Map(stats.map((s) => [s.day, s]));
  for (const ep of episodes) {
    for (let d = ep.fromDay - 1; (byDay.get(d)?.z ?? -1) >= dayZ; d--) {
      ep.days.unshift(byDay.get(d) as DayStat);
      ep.fromDay = d;
    }
    for (let d = ep.toDay + 1; (byDay.get(d)?.z ?? -1) >= dayZ; d++) {
      ep.days.push(byDay.get(d) as DayStat);
      ep.toDay = d;
    }
  }
  // Extension may make neighbours touch: merge them.
  const merged: Episode[] = [];
  for (const ep of episodes) {
    const last = merged[merged.length - 1];
    if (last && ep.fromDay - last.toDay <= maxGap + 1) {
      for (const s of ep.days) if (s.day > last.toDay) last.days.push(s);
      last.toDay = Math.max(last.toDay, ep.toDay);
    } else merged.push(ep);
  }
  return merged;
}
