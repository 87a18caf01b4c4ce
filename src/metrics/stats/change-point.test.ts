import { describe, expect, it } from 'vitest';
import { type BinomialPoint, detectChangePoints, locateChange } from './change-point.js';

/** Deterministic pseudo-random binomial draws (mulberry32), so the tests are reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function series(days: number, n: number, rateAt: (t: number) => number, seed = 1): BinomialPoint[] {
  const r = rng(seed);
  return Array.from({ length: days }, (_, t) => {
    let x = 0;
    for (let i = 0; i < n; i++) if (r() < rateAt(t)) x++;
    return { x, n, weekday: t % 7 };
  });
}

describe('detectChangePoints', () => {
  it('finds one planted step change at the right day', () => {
    const r = detectChangePoints(series(60, 200, (t) => (t < 30 ? 0.5 : 0.35)));
    expect(r.changes.map((c) => c.index)).toEqual([30]);
    expect(r.changes[0]?.delta).toBeCloseTo(-0.15, 1);
    expect(r.changes[0]?.pValue).toBeLessThan(1e-6);
  });

  it('finds the start and the end of a temporary break', () => {
    const r = detectChangePoints(series(90, 150, (t) => (t >= 40 && t < 60 ? 0.2 : 0.6), 7));
    expect(r.changes.map((c) => c.index)).toEqual([40, 60]);
  });

  it('finds nothing in a stable series', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      expect(detectChangePoints(series(120, 80, () => 0.4, seed)).changes).toEqual([]);
    }
  });

  it('does not mistake a weekly rhythm for a change', () => {
    const weekly = (t: number) => (t % 7 >= 5 ? 0.25 : 0.45);
    const r = detectChangePoints(series(84, 200, weekly, 3));
    expect(r.changes).toEqual([]);
    expect(r.weekdayFactors[6]).toBeLessThan(0.8);
  });

  it('handles empty, tiny and zero-trial series', () => {
    expect(detectChangePoints([]).changes).toEqual([]);
    expect(detectChangePoints([{ x: 1, n: 2 }]).segments).toHaveLength(1);
    expect(detectChangePoints(Array.from({ length: 10 }, () => ({ x: 0, n: 0 }))).changes).toEqual(
      [],
    );
  });

  it('finds a short episode in a long series (a break of 10 days in 180, rate near 1)', () => {
    // A third of the traffic fails 85% of the time for 10 days: about −25 pp overall. No single
    // split separates it from the rest, an interval does.
    for (const seed of [1, 2, 3]) {
      const r = detectChangePoints(
        series(180, 15, (t) => (t >= 108 && t < 118 ? 0.98 - 0.85 / 3 : 0.98), seed),
      );
      const [start, end] = r.changes.map((c) => c.index);
      expect(r.changes).toHaveLength(2);
      expect(Math.abs((start ?? 0) - 108)).toBeLessThanOrEqual(1);
      expect(Math.abs((end ?? 0) - 118)).toBeLessThanOrEqual(1);
      expect(r.changes[0]?.delta).toBeLessThan(-0.15);
      expect(r.changes[1]?.delta).toBeGreaterThan(0.15);
    }
  });

  it('finds a step and a later episode, most significant first', () => {
    const rate = (t: number) => (t < 70 ? 0.75 : 0.5) - (t >= 120 && t < 130 ? 0.25 : 0);
    const r = detectChangePoints(series(180, 40, rate, 5));
    expect(r.changes.map((c) => c.index)).toEqual([70, 120, 130]);
  });

  it('keeps false alarms rare on stable series, near 1 and overdispersed too', () => {
    // 300 stable series of 150 days; alpha = 0.01 per search, Bonferroni over steps and intervals.
    let alarms = 0;
    for (let seed = 100; seed < 300; seed++) {
      const p = seed % 2 ? 0.97 : 0.45;
      alarms += detectChangePoints(series(150, 10 + (seed % 5) * 20, () => p, seed)).changes.length
        ? 1
        : 0;
    }
    // Beta-binomial days (the daily rate itself varies, sd 0.05): the quasi-likelihood φ absorbs it.
    for (let seed = 300; seed < 400; seed++) {
      const day = rng(seed * 7);
      const rates = Array.from(
        { length: 150 },
        () => 0.5 + 0.05 * (day() + day() + day() - 1.5) * 2,
      );
      alarms += detectChangePoints(series(150, 200, (t) => rates[t] ?? 0.5, seed)).changes.length
        ? 1
        : 0;
    }
    expect(alarms).toBeLessThanOrEqual(3);
  });
});

describe('locateChange', () => {
  it('dates a change on a sharper series, within the days allowed', () => {
    const pts = series(30, 6, (t) => (t >= 12 ? 0.2 : 1), 3);
    expect(locateChange(pts, 0, 30, 9, 15)?.index).toBe(12);
    expect(locateChange(pts, 0, 30, 14, 16)?.index).toBe(14);
    expect(locateChange([{ x: 1, n: 1 }], 0, 1, 0, 1)).toBeUndefined();
  });
});
