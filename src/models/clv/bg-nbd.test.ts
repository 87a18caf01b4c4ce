import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random.js';
import { lbeta, lgamma } from '../special.js';
import { aggregateTriples } from './aggregate.js';
import {
  bgNbdConditionalExpectedPurchases,
  bgNbdExpectedPurchases,
  bgNbdLogLikelihood,
  bgNbdProbabilityAlive,
  bgNbdProbabilityOfPurchases,
  fitBgNbd,
} from './bg-nbd.js';
import { simulateCustomers } from './simulate.js';

// Published CDNOW fit (lifetimes Quickstart, full precision) and Hardie's spreadsheet checks.
const CDNOW = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425752 };

/** Direct transcription of FHL (2005) eq. 6, per customer, without aggregation or logsumexp. */
function naiveLogLikelihood(p: typeof CDNOW, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const common = lbeta(a, b + x) - lbeta(a, b) + lgamma(r + x) - lgamma(r) + r * Math.log(alpha);
  const term = (alpha + T) ** -(r + x) + (x > 0 ? (a / (b + x - 1)) * (alpha + tx) ** -(r + x) : 0);
  return common + Math.log(term);
}

describe('BG/NBD known answers (Hardie)', () => {
  it('conditional expected purchases in 39 weeks for x=2, t_x=30.43, T=38.86 is 1.226', () => {
    expect(bgNbdConditionalExpectedPurchases(CDNOW, 39, 2, 30.43, 38.86)).toBeCloseTo(1.226, 3);
  });
  it('expected purchases up to t', () => {
    const ts = [0.1429, 1, 3, 31.8571, 32, 78];
    const want = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
    ts.forEach((t, i) => {
      expect(Math.abs(bgNbdExpectedPurchases(CDNOW, t) - want[i]!)).toBeLessThan(6e-4);
    });
  });
  it('P(X(39) = 0) = 0.5737864 with r=0.243, alpha=4.414', () => {
    const p = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    expect(bgNbdProbabilityOfPurchases(p, 39, 0)).toBeCloseTo(0.5737864, 7);
  });
  it('P(X(t) = n) sums to 1 and has mean E[X(t)]', () => {
    let total = 0;
    let mean = 0;
    for (let n = 0; n < 400; n++) {
      const pn = bgNbdProbabilityOfPurchases(CDNOW, 20, n);
      total += pn;
      mean += n * pn;
    }
    expect(total).toBeCloseTo(1, 6);
    expect(mean).toBeCloseTo(bgNbdExpectedPurchases(CDNOW, 20), 4);
  });
  it('P(alive) is 1 without repeat purchases and falls as the silence grows', () => {
    expect(bgNbdProbabilityAlive(CDNOW, 0, 0, 30)).toBe(1);
    const recent = bgNbdProbabilityAlive(CDNOW, 5, 30, 31);
    const lapsed = bgNbdProbabilityAlive(CDNOW, 5, 5, 31);
    expect(recent).toBeGreaterThan(0.85);
    expect(lapsed).toBeLessThan(0.5);
  });
});

describe('BG/NBD log-likelihood', () => {
  const s = simulateCustomers(CDNOW, 3000, mulberry32(11), { minT: 10, maxT: 40, grid: 1 / 7 });
  const data = aggregateTriples(s.frequency, s.recency, s.T);

  it('equals the naive per-customer sum (aggregation is exact)', () => {
    let naive = 0;
    for (let i = 0; i < s.frequency.length; i++) {
      naive += naiveLogLikelihood(CDNOW, s.frequency[i]!, s.recency[i]!, s.T[i]!);
    }
    expect(data.x.length).toBeLessThan(s.frequency.length);
    expect(bgNbdLogLikelihood(CDNOW, data)).toBeCloseTo(naive, 6);
  });

  it('has an analytic gradient that matches central differences', () => {
    const g = new Float64Array(4);
    bgNbdLogLikelihood(CDNOW, data, g);
    const keys = ['r', 'alpha', 'a', 'b'] as const;
    keys.forEach((k, i) => {
      const h = 1e-6 * CDNOW[k];
      const up = bgNbdLogLikelihood({ ...CDNOW, [k]: CDNOW[k] + h }, data);
      const down = bgNbdLogLikelihood({ ...CDNOW, [k]: CDNOW[k] - h }, data);
      expect(g[i]).toBeCloseTo((up - down) / (2 * h), 2);
    });
  });

  it('rejects impossible summaries with a stable code', () => {
    expect(() => aggregateTriples([1], [5], [4])).toThrow(
      expect.objectContaining({ code: 'INPUT_BAD_SUMMARY' }),
    );
    expect(() => aggregateTriples([0.5], [1], [4])).toThrow(
      expect.objectContaining({ code: 'INPUT_BAD_SUMMARY' }),
    );
    expect(() => fitBgNbd({ frequency: [1], recency: [1], T: [2] })).toThrow(
      expect.objectContaining({ code: 'INPUT_TOO_FEW_CUSTOMERS' }),
    );
  });
});

describe('fitBgNbd parameter recovery', () => {
  it('recovers the CDNOW parameters from 30,000 simulated customers (seed 1)', () => {
    const s = simulateCustomers(CDNOW, 30_000, mulberry32(1), { minT: 20, maxT: 60 });
    const fit = fitBgNbd(s);
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.params.r / CDNOW.r - 1)).toBeLessThan(0.05);
    expect(Math.abs(fit.params.alpha / CDNOW.alpha - 1)).toBeLessThan(0.05);
    expect(Math.abs(fit.params.a / CDNOW.a - 1)).toBeLessThan(0.2);
    expect(Math.abs(fit.params.b / CDNOW.b - 1)).toBeLessThan(0.2);
    // the truth cannot be more likely than the MLE
    const data = aggregateTriples(s.frequency, s.recency, s.T);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(bgNbdLogLikelihood(CDNOW, data));
  });

  it('recovers a different regime (frequent buyers, rare dropout)', () => {
    const truth = { r: 2, alpha: 10, a: 0.5, b: 8 };
    const s = simulateCustomers(truth, 20_000, mulberry32(5), { minT: 30, maxT: 52 });
    const fit = fitBgNbd(s);
    expect(Math.abs(fit.params.r / truth.r - 1)).toBeLessThan(0.1);
    expect(Math.abs(fit.params.alpha / truth.alpha - 1)).toBeLessThan(0.1);
    expect(Math.abs(fit.params.a / truth.a - 1)).toBeLessThan(0.3);
    expect(Math.abs(fit.params.b / truth.b - 1)).toBeLessThan(0.3);
  });
});
