import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random.js';
import { lgamma } from '../special.js';
import {
  fitGammaGamma,
  gammaGammaExpectedAverageValue,
  gammaGammaLogLikelihood,
} from './gamma-gamma.js';
import { simulateCustomers } from './simulate.js';

const CDNOW_GG = { p: 6.25, q: 3.74, gamma: 15.44 };

describe('Gamma-Gamma known answers', () => {
  it('conditional expected average profit of the first CDNOW customers', () => {
    // (x, zbar) of customers 1..10 of cdnow_customers_summary_with_transactions.csv
    const rows: [number, number][] = [
      [2, 22.35],
      [1, 11.77],
      [0, 0],
      [0, 0],
      [0, 0],
      [7, 73.74],
      [1, 11.77],
      [0, 0],
      [2, 25.55],
      [0, 0],
    ];
    const want = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17];
    const fitted = { p: 6.248802, q: 3.744588, gamma: 15.447748 };
    rows.forEach(([x, m], i) => {
      expect(Math.abs(gammaGammaExpectedAverageValue(fitted, x, m) - want[i]!)).toBeLessThan(0.01);
    });
  });
  it('log-likelihood of one customer matches the formula by hand', () => {
    const { p, q, gamma } = CDNOW_GG;
    const [x, m] = [3, 20];
    const byHand =
      lgamma(p * x + q) -
      lgamma(p * x) -
      lgamma(q) +
      q * Math.log(gamma) +
      (p * x - 1) * Math.log(m) +
      p * x * Math.log(x) -
      (p * x + q) * Math.log(x * m + gamma);
    expect(gammaGammaLogLikelihood(CDNOW_GG, [x, 0], [m, 0])).toBeCloseTo(byHand, 10);
  });
  it('rejects a repeat customer without a positive spend', () => {
    expect(() => fitGammaGamma({ frequency: [2, 1], monetary: [0, 3] })).toThrow(
      expect.objectContaining({ code: 'INPUT_BAD_SUMMARY' }),
    );
  });
});

describe('fitGammaGamma parameter recovery', () => {
  it('recovers p, q, gamma from simulated spend (seed 3)', () => {
    const s = simulateCustomers({ r: 1, alpha: 5, a: 0.5, b: 5 }, 30_000, mulberry32(3), {
      minT: 20,
      maxT: 40,
      spend: CDNOW_GG,
    });
    const fit = fitGammaGamma(s);
    expect(fit.customers).toBeGreaterThan(15_000);
    expect(Math.abs(fit.params.p / CDNOW_GG.p - 1)).toBeLessThan(0.1);
    expect(Math.abs(fit.params.q / CDNOW_GG.q - 1)).toBeLessThan(0.1);
    expect(Math.abs(fit.params.gamma / CDNOW_GG.gamma - 1)).toBeLessThan(0.1);
    const mean = (v: typeof CDNOW_GG) => (v.p * v.gamma) / (v.q - 1);
    expect(Math.abs(mean(fit.params) / mean(CDNOW_GG) - 1)).toBeLessThan(0.03);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(
      gammaGammaLogLikelihood(CDNOW_GG, s.frequency, s.monetary),
    );
  });
});
