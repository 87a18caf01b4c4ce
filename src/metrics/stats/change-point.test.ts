import { describe, expect, it } from 'vitest';
import { type BinomialPoint, detectChangePoints } from './change-point.js';

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
});
