import { describe, expect, it } from 'vitest';
import { compareNps, computeNps, npsBand, npsFromCounts } from './nps.js';

const Z = 1.959963984540054;

describe('NPS', () => {
  it('is null with no answers', () => {
    expect(computeNps([])).toEqual({
      promoters: 0,
      passives: 0,
      detractors: 0,
      n: 0,
      nps: null,
      low: null,
      high: null,
      se: null,
    });
  });

  it('balances promoters and detractors (ties at 0) with the adjusted-Wald interval', () => {
    const r = computeNps([10, 9, 8, 7, 6, 0]);
    expect(r).toMatchObject({ promoters: 2, passives: 2, detractors: 2, n: 6, nps: 0 });
    // n' = 7.5, p' = d' = 2.75/7.5, V = (p' + d')/n'
    const se = 100 * Math.sqrt((2 * 2.75) / 7.5 / 7.5);
    expect(r.se).toBeCloseTo(se, 10);
    expect(r.low).toBeCloseTo(-Z * se, 5);
    expect(r.high).toBeCloseTo(Z * se, 5);
  });

  it('one promoter: NPS 100, interval clipped at 100', () => {
    const r = computeNps([10]);
    expect(r.nps).toBe(100);
    expect(r.high).toBe(100);
    // p' = 1.75/2.5 = 0.7, d' = 0.3: estimate 40, V = (1 − 0.16)/2.5
    expect(r.low).toBeCloseTo(40 - Z * 100 * Math.sqrt(0.84 / 2.5), 5);
  });

  it('skips missing and out-of-range scores; bands at 9 and 7', () => {
    expect(computeNps([null, undefined, 11, -1, Number.NaN, 9]).n).toBe(1);
    expect([9, 8.9, 7, 6.9].map(npsBand)).toEqual([
      'promoters',
      'passives',
      'passives',
      'detractors',
    ]);
  });

  it('flags a significant change and not a tiny one', () => {
    const all = (k: 'promoters' | 'detractors', n: number) => ({
      promoters: 0,
      passives: 0,
      detractors: 0,
      [k]: n,
    });
    const big = compareNps(all('detractors', 50), all('promoters', 50));
    expect(big.diff).toBe(200);
    expect(big.significant).toBe(true);
    const same = compareNps(
      { promoters: 10, passives: 10, detractors: 10 },
      { promoters: 10, passives: 10, detractors: 10 },
    );
    expect(same).toMatchObject({ diff: 0, pValue: 1, significant: false });
    expect(
      compareNps(
        { promoters: 0, passives: 0, detractors: 0 },
        { promoters: 1, passives: 0, detractors: 0 },
      ).diff,
    ).toBeNull();
  });

  it('agrees with npsFromCounts', () => {
    expect(computeNps([10, 10, 3])).toEqual(
      npsFromCounts({ promoters: 2, passives: 0, detractors: 1 }),
    );
  });
});
