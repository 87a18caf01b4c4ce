import { describe, expect, it } from 'vitest';
import { mannKendall } from './trend.js';

describe('mannKendall', () => {
  it('needs three values', () => {
    expect(mannKendall([0.1, 0.2])).toBeNull();
  });

  it('finds a monotone rise (hand-computed S, Var S, Sen slope)', () => {
    // 1..6: S = 15, Var S = 6·5·17/18 = 28.333, z = 14/sqrt(28.333) = 2.630
    const t = mannKendall([0.01, 0.02, 0.03, 0.04, 0.05, 0.06])!;
    expect(t.s).toBe(15);
    expect(t.z).toBeCloseTo(14 / Math.sqrt(85 / 3), 10);
    expect(t.pValue).toBeCloseTo(0.00854, 4);
    expect(t.slope).toBeCloseTo(0.01, 12);
    expect(t.direction).toBe('rising');
  });

  it('corrects the variance for ties and calls a flat series flat', () => {
    // 1, 1, 2: S = 2, ties {1: 2} → Var S = (3·2·11 − 2·1·9)/18 = 48/18
    const t = mannKendall([1, 1, 2])!;
    expect(t.s).toBe(2);
    expect(t.z).toBeCloseTo(1 / Math.sqrt(48 / 18), 10);
    expect(t.direction).toBe('flat');
    expect(mannKendall([3, 1, 3, 1, 3, 1])!.direction).toBe('flat');
  });
});
