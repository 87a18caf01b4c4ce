import { describe, expect, it } from 'vitest';
import { kaplanMeier, survivalAt } from './kaplan-meier.js';
import { logRankTest } from './log-rank.js';

// Freireich et al. (1963) leukaemia remission data (Gehan 1965), weeks; 1 = relapse, 0 = censored.
const SIX_MP = {
  time: [6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35],
  event: [1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0],
};
const PLACEBO = {
  time: [1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23],
  event: Array(21).fill(1) as number[],
};

describe('kaplanMeier', () => {
  it('matches R survfit(conf.type = "log-log") on the 6-MP arm', () => {
    const km = kaplanMeier(SIX_MP);
    const eventRows = km.rows.filter((r) => r.events > 0);
    // time, n.risk, n.event, survival, std.err, lower 95%, upper 95%
    const want = [
      [6, 21, 3, 0.857, 0.0764, 0.62, 0.952],
      [7, 17, 1, 0.807, 0.0869, 0.563, 0.923],
      [10, 15, 1, 0.753, 0.0963, 0.503, 0.889],
      [13, 12, 1, 0.69, 0.1068, 0.432, 0.849],
      [16, 11, 1, 0.627, 0.1141, 0.368, 0.805],
      [22, 7, 1, 0.538, 0.1282, 0.268, 0.747],
      [23, 6, 1, 0.448, 0.1346, 0.188, 0.68],
    ];
    expect(eventRows.length).toBe(want.length);
    eventRows.forEach((row, i) => {
      const [t, nr, ne, s, se, lo, hi] = want[i]!;
      expect([row.time, row.atRisk, row.events]).toEqual([t, nr, ne]);
      expect(Math.abs(row.survival - s!)).toBeLessThan(6e-4);
      expect(Math.abs(row.stdError - se!)).toBeLessThan(6e-5);
      expect(Math.abs(row.lower - lo!)).toBeLessThan(6e-4);
      expect(Math.abs(row.upper - hi!)).toBeLessThan(6e-4);
    });
    expect(km.median).toBe(23);
    expect(survivalAt(km, 5)).toBe(1);
    expect(survivalAt(km, 12)).toBeCloseTo(0.753, 3);
  });
  it('reaches 0 with an undefined interval when everyone has the event', () => {
    const km = kaplanMeier(PLACEBO);
    const last = km.rows[km.rows.length - 1]!;
    expect(last.survival).toBe(0);
    expect(last.lower).toBeNaN();
    expect(km.median).toBe(8);
  });
  it('handles one row and rejects bad input with codes', () => {
    expect(kaplanMeier({ time: [3], event: [0] }).rows[0]!.survival).toBe(1);
    expect(kaplanMeier({ time: [], event: [] }).rows).toEqual([]);
    expect(() => kaplanMeier({ time: [-1], event: [1] })).toThrow(
      expect.objectContaining({ code: 'INPUT_BAD_NUMBER' }),
    );
    expect(() => kaplanMeier({ time: [1], event: [2] })).toThrow(
      expect.objectContaining({ code: 'INPUT_BAD_LABEL' }),
    );
  });
});

describe('logRankTest', () => {
  const both = {
    time: [...SIX_MP.time, ...PLACEBO.time],
    event: [...SIX_MP.event, ...PLACEBO.event],
    group: [...Array(21).fill('6-MP'), ...Array(21).fill('placebo')] as string[],
  };
  it('matches R survdiff on the Gehan data (chi-square 16.79, 1 df)', () => {
    const r = logRankTest(both);
    expect(r.groups).toEqual(['6-MP', 'placebo']);
    expect(r.observed).toEqual([9, 21]);
    expect(r.expected[0]).toBeCloseTo(19.25, 2);
    expect(r.expected[1]).toBeCloseTo(10.75, 2);
    expect(r.chiSquare).toBeCloseTo(16.79, 2);
    expect(r.degreesOfFreedom).toBe(1);
    expect(r.pValue).toBeCloseTo(4.17e-5, 6);
  });
  it('gives chi-square 0 for identical groups and handles k = 3', () => {
    const same = logRankTest({
      time: [...SIX_MP.time, ...SIX_MP.time],
      event: [...SIX_MP.event, ...SIX_MP.event],
      group: [...Array(21).fill('a'), ...Array(21).fill('b')] as string[],
    });
    expect(same.chiSquare).toBeCloseTo(0, 12);
    expect(same.pValue).toBeCloseTo(1, 12);
    const three = logRankTest({
      time: [...both.time, ...SIX_MP.time],
      event: [...both.event, ...SIX_MP.event],
      group: [...both.group, ...Array(21).fill('6-MP again')],
    });
    expect(three.degreesOfFreedom).toBe(2);
    expect(three.pValue).toBeLessThan(0.001);
    expect(three.observed.reduce((a, b) => a + b)).toBeCloseTo(
      three.expected.reduce((a, b) => a + b),
      10,
    );
  });
  it('needs two groups', () => {
    expect(() => logRankTest({ time: [1, 2], event: [1, 1], group: ['a', 'a'] })).toThrow(
      expect.objectContaining({ code: 'INPUT_TOO_FEW_GROUPS' }),
    );
  });
});
