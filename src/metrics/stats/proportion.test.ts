import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, bhReject } from './multiple-testing.js';
import { normalCdf, normalQuantile, twoSidedP } from './normal.js';
import { twoProportionTest, wilsonInterval } from './proportion.js';

describe('normal', () => {
  it('matches tabulated values', () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021, 6);
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(-1)).toBeCloseTo(0.1586553, 6);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
    expect(twoSidedP(1.959964)).toBeCloseTo(0.05, 5);
  });
});

describe('wilsonInterval', () => {
  // Newcombe (1998), Statistics in Medicine 17:857–872, table I, method 3.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i/%i → [%f, %f]', (x, n, low, high) => {
    const r = wilsonInterval(x, n);
    expect(r.rate).toBeCloseTo(x / n, 10);
    expect(r.low).toBeCloseTo(low, 4);
    expect(r.high).toBeCloseTo(high, 4);
  });
  it('is empty without trials and rejects impossible counts', () => {
    expect(wilsonInterval(0, 0)).toEqual({ rate: null, low: null, high: null });
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
  });
});

describe('twoProportionTest', () => {
  it('computes the pooled z by hand: 15/50 vs 25/50', () => {
    const t = twoProportionTest(15, 50, 25, 50);
    expect(t.diff).toBeCloseTo(0.2, 10);
    expect(t.z).toBeCloseTo(0.2 / Math.sqrt(0.4 * 0.6 * (2 / 50)), 8);
    expect(t.pValue).toBeCloseTo(0.04123, 4);
  });
  it('returns p = 1 for an empty side or a degenerate pool', () => {
    expect(twoProportionTest(0, 0, 3, 10).pValue).toBe(1);
    expect(twoProportionTest(10, 10, 5, 5).pValue).toBe(1);
  });
});

describe('benjaminiHochberg', () => {
  it('adjusts by hand-computed values', () => {
    const adj = benjaminiHochberg([0.01, 0.04, 0.03, 0.005]);
    expect(adj.map((a) => Number(a.toFixed(6)))).toEqual([0.02, 0.04, 0.04, 0.02]);
    expect(bhReject([0.01, 0.04, 0.03, 0.005], 0.03)).toEqual([true, false, false, true]);
  });
  it('handles empty and single inputs', () => {
    expect(benjaminiHochberg([])).toEqual([]);
    expect(benjaminiHochberg([0.2])).toEqual([0.2]);
  });
});
