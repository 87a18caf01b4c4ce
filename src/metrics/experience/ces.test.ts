import { describe, expect, it } from 'vitest';
import { compareCes, computeCes } from './ces.js';

describe('CES (mean, t interval)', () => {
  it('is null with no answers', () => {
    expect(computeCes([])).toEqual({ n: 0, mean: null, sd: null, low: null, high: null });
  });

  it('one answer: a mean without an interval', () => {
    expect(computeCes([5])).toEqual({ n: 1, mean: 5, sd: null, low: null, high: null });
  });

  it('[1, 7]: mean 4, sd √18, t(0.975, 1) = 12.7062', () => {
    const r = computeCes([1, 7, null, 9, 0]);
    expect(r.n).toBe(2);
    expect(r.mean).toBe(4);
    expect(r.sd).toBeCloseTo(Math.sqrt(18), 12);
    expect(r.low).toBeCloseTo(4 - 12.706204736 * 3, 5);
    expect(r.high).toBeCloseTo(4 + 12.706204736 * 3, 5);
  });

  it('ties: identical answers give a zero-width interval', () => {
    expect(computeCes([6, 6, 6])).toMatchObject({ mean: 6, sd: 0, low: 6, high: 6 });
  });

  it('Welch test of the change: n=10 each, means 5 → 6, sd 1: t = 2.236, df = 18, p ≈ 0.0382', () => {
    const c = compareCes({ n: 10, mean: 5, sd: 1 }, { n: 10, mean: 6, sd: 1 });
    expect(c.diff).toBe(1);
    expect(c.pValue).toBeCloseTo(0.0382, 3);
    expect(c.significant).toBe(true);
  });
});
