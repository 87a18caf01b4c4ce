import { describe, expect, it } from 'vitest';
import { meanInterval, summariseValues, welchTest } from './mean.js';
import { studentTCdf, studentTQuantile, studentTTwoSidedP } from './student-t.js';

describe("Student's t", () => {
  it('matches table quantiles', () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706205, 5);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228139, 5);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.042272, 5);
    expect(studentTQuantile(0.025, 10)).toBeCloseTo(-2.228139, 5);
    expect(studentTQuantile(0.975, Number.POSITIVE_INFINITY)).toBeCloseTo(1.959964, 5);
  });

  it('CDF inverts the quantile and is symmetric', () => {
    expect(studentTCdf(2.228139, 10)).toBeCloseTo(0.975, 6);
    expect(studentTCdf(0, 5)).toBe(0.5);
    expect(studentTTwoSidedP(2.228139, 10)).toBeCloseTo(0.05, 6);
  });
});

describe('means', () => {
  it('summarises, with empty and one-value edge cases', () => {
    expect(summariseValues([])).toEqual({ n: 0, mean: null, sd: null });
    expect(summariseValues([3])).toEqual({ n: 1, mean: 3, sd: null });
    expect(summariseValues([2, 4, Number.NaN])).toEqual({ n: 2, mean: 3, sd: Math.SQRT2 });
  });

  it('t interval of [2, 4, 6]: 4 ± 4.3027·2/√3', () => {
    const m = meanInterval(summariseValues([2, 4, 6]));
    expect(m.low).toBeCloseTo(4 - (4.302653 * 2) / Math.sqrt(3), 5);
  });

  it('Welch difference is null-safe', () => {
    expect(welchTest({ n: 0, mean: null, sd: null }, { n: 3, mean: 1, sd: 1 }).pValue).toBe(1);
    expect(welchTest({ n: 3, mean: 1, sd: 0 }, { n: 3, mean: 1, sd: 0 }).pValue).toBe(1);
  });
});
