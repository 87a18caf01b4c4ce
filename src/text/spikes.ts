// Spike detection on a daily count series, robust to weekly seasonality.
// For day d: history = counts on the same weekday in the previous `baselineWeeks` weeks (d−7,
// d−14, …), needing at least `minWeeks` of them. baseline = median(history); rate λ = max(baseline,
// m, 1) with m the history mean without its largest value (a lucky-low median must not make an
// ordinary day look extreme). Two scores, the smaller one is z:
//   robust   z_r = (count − baseline) / max(1.4826 · MAD(history), √λ)
//   Poisson  z_p = 2 · (√(count + 3/8) − √(λ + 3/8))   (Anscombe transform: ≈ N(0, 1) for Poisson
//            counts, which a plain √λ scale badly understates in the right tail at small λ)
// A spike day has z ≥ zThreshold and count ≥ minCount. Consecutive spike days (gaps of up to
// maxGapDays non-spike days) merge into one episode.

export interface SpikeOptions {
  baselineWeeks?: number;
  minWeeks?: number;
  zThreshold?: number;
  minCount?: number;
  maxGapDays?: number;
}

export interface DayStat {
  day: number;
  count: number;
  baseline: number;
  scale: number;
  z: number;
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

/** Baseline statistics for every day that has enough same-weekday history. */
export function dailyStats(
  counts: readonly number[],
  firstDay: number,
  options: SpikeOptions = {},
): DayStat[] {
  const weeks = options.baselineWeeks ?? 8;
  const minWeeks = options.minWeeks ?? 6;
  const out: DayStat[] = [];
  for (let i = 0; i < counts.length; i++) {
    const hist: number[] = [];
    for (let w = 1; w <= weeks && i - 7 * w >= 0; w++) hist.push(counts[i - 7 * w] ?? 0);
    if (hist.length < minWeeks) continue;
    const baseline = median(hist);
    const mad = median(hist.map((x) => Math.abs(x - baseline)));
    const rate = Math.max(baseline, trimmedMean(hist), 1);
    const scale = Math.max(1.4826 * mad, Math.sqrt(rate));
    const count = counts[i] ?? 0;
    const zRobust = (count - baseline) / scale;
    const zPoisson = 2 * (Math.sqrt(count + 0.375) - Math.sqrt(rate + 0.375));
    out.push({ day: firstDay + i, count, baseline, scale, z: Math.min(zRobust, zPoisson) });
  }
  return out;
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
  const episodes: Episode[] = [];
  for (const s of dailyStats(counts, firstDay, options)) {
    if (s.z < zThreshold || s.count < minCount) continue;
    const last = episodes[episodes.length - 1];
    if (last !== undefined && s.day - last.toDay <= maxGap + 1) {
      last.toDay = s.day;
      last.days.push(s);
    } else {
      episodes.push({ fromDay: s.day, toDay: s.day, days: [s] });
    }
  }
  return episodes;
}
