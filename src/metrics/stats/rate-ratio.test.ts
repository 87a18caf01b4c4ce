import { describe, expect, it } from 'vitest';
import { binomialUpperTail, rateRatioTest } from './rate-ratio.js';

describe('binomialUpperTail', () => {
  it('matches sums of the binomial pmf', () => {
    // P(X ≥ 3 | n = 5, p = 0.5) = (10 + 5 + 1) / 32
    expect(binomialUpperTail(3, 5, 0.5)).toBeCloseTo(16 / 32, 12);
    // P(X ≥ 1 | n = 4, p = 0.2) = 1 − 0.8⁴
    expect(binomialUpperTail(1, 4, 0.2)).toBeCloseTo(1 - 0.8 ** 4, 12);
    expect(binomialUpperTail(0, 4, 0.2)).toBe(1);
    expect(binomialUpperTail(5, 4, 0.2)).toBe(0);
  });
});

describe('rateRatioTest', () => {
  it('is not significant for equal rates and significant for a tripled one', () => {
    const same = rateRatioTest(10, 100, 10, 100);
    expect(same.ratio).toBe(1);
    expect(same.pGreater).toBeGreaterThan(0.5);
    const up = rateRatioTest(10, 100, 30, 100);
    expect(up.ratio).toBeCloseTo(3, 12);
    // P(X ≥ 30 | n = 40, p = 0.5)
    expect(up.pGreater).toBeCloseTo(0.0011107, 6);
    expect(up.low).toBeGreaterThan(1);
    expect(up.pLess).toBeGreaterThan(0.99);
  });
  it('handles zero counts', () => {
    expect(rateRatioTest(0, 10, 0, 10).ratio).toBeNull();
    expect(rateRatioTest(0, 10, 0, 10).pGreater).toBe(1);
    expect(rateRatioTest(0, 10, 4, 10).ratio).toBe(Number.POSITIVE_INFINITY);
    expect(rateRatioTest(0, 10, 4, 10).pGreater).toBeCloseTo(1 / 16, 12);
  });
});
