import { describe, expect, it } from 'vitest';
import { accuracy, averageRanks, macroF1, pearson, spearman } from './metrics.js';

describe('eval metrics', () => {
  it('macro-F1 known answer', () => {
    // class a: tp 1, fp 1, fn 1 → 0.5; class b: tp 1, fp 1, fn 1 → 0.5
    expect(macroF1(['a', 'a', 'b', 'b'], ['a', 'b', 'a', 'b'], ['a', 'b'])).toBeCloseTo(0.5, 12);
    expect(macroF1(['a', 'b'], ['a', 'b'], ['a', 'b', 'c'])).toBeCloseTo(2 / 3, 12);
    expect(accuracy([1, 0, 1], [1, 1, 1])).toBeCloseTo(2 / 3, 12);
  });

  it('average ranks share ties; Spearman is Pearson on ranks', () => {
    expect(averageRanks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
    expect(spearman([1, 2, 3, 4], [10, 100, 1000, 10000])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBe(0);
  });
});
