import { describe, expect, it } from 'vitest';
import { bgNbdConditionalExpectedPurchases } from './bg-nbd.js';
import { computeClv } from './clv.js';
import { gammaGammaExpectedAverageValue } from './gamma-gamma.js';

const BG = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425752 };
const GG = { p: 6.248802, q: 3.744588, gamma: 15.447748 };
const one = {
  frequency: Float64Array.of(2, 0),
  recency: Float64Array.of(30.43, 0),
  T: Float64Array.of(38.86, 38.86),
  monetary: Float64Array.of(22.35, 0),
};

describe('computeClv', () => {
  it('matches the discounted monthly sum computed by hand (2 months, weeks)', () => {
    const clv = computeClv(one, BG, GG, {
      months: 2,
      monthlyDiscountRate: 0.01,
      timeUnit: 'weeks',
    });
    const value = gammaGammaExpectedAverageValue(GG, 2, 22.35);
    const y1 = bgNbdConditionalExpectedPurchases(BG, 4.345, 2, 30.43, 38.86);
    const y2 = bgNbdConditionalExpectedPurchases(BG, 8.69, 2, 30.43, 38.86);
    expect(clv[0]).toBeCloseTo(value * (y1 / 1.01 + (y2 - y1) / 1.01 ** 2), 10);
  });
  it('without discounting equals E[M] · E[Y(horizon)]', () => {
    const clv = computeClv(one, BG, GG, { months: 12, monthlyDiscountRate: 0, timeUnit: 'weeks' });
    const y = bgNbdConditionalExpectedPurchases(BG, 12 * 4.345, 0, 0, 38.86);
    expect(clv[1]).toBeCloseTo(gammaGammaExpectedAverageValue(GG, 0, 0) * y, 10);
  });
  it('falls as the discount rate rises and grows with the horizon', () => {
    const low = computeClv(one, BG, GG, { monthlyDiscountRate: 0.01, timeUnit: 'weeks' });
    const high = computeClv(one, BG, GG, { monthlyDiscountRate: 0.05, timeUnit: 'weeks' });
    const longer = computeClv(one, BG, GG, { months: 24, timeUnit: 'weeks' });
    expect(high[0]!).toBeLessThan(low[0]!);
    expect(longer[0]!).toBeGreaterThan(low[0]!);
  });
  it('rejects a fractional horizon', () => {
    expect(() => computeClv(one, BG, GG, { months: 1.5, timeUnit: 'days' })).toThrow(
      expect.objectContaining({ code: 'INPUT_BAD_OPTION' }),
    );
  });
});
