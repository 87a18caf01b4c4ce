import { describe, expect, it } from 'vitest';
import { pairwiseMetrics } from './pairwise-metrics.js';

describe('pairwiseMetrics', () => {
  it('scores a perfect clustering 1', () => {
    const m = pairwiseMetrics(['x', 'x', 'y'], ['1', '1', '2']);
    expect(m).toMatchObject({ precision: 1, recall: 1, f1: 1, truePairs: 1 });
  });

  it('counts pairs by hand on a mixed example', () => {
    // truth: {a,b,c} {d}; predicted: {a,b} {c,d}
    // true pairs ab ac bc = 3; predicted ab cd = 2; TP ab = 1
    const m = pairwiseMetrics(['P', 'P', 'Q', 'Q'], ['T', 'T', 'T', 'U']);
    expect(m.truePairs).toBe(3);
    expect(m.predictedPairs).toBe(2);
    expect(m.truePositives).toBe(1);
    expect(m.precision).toBeCloseTo(0.5, 12);
    expect(m.recall).toBeCloseTo(1 / 3, 12);
    expect(m.f1).toBeCloseTo(0.4, 12);
  });

  it('handles empty and all-singleton inputs', () => {
    expect(pairwiseMetrics([], []).f1).toBe(1);
    const m = pairwiseMetrics(['a', 'b'], ['t', 't']);
    expect(m.precision).toBe(1);
    expect(m.recall).toBe(0);
    expect(m.f1).toBe(0);
  });
});
