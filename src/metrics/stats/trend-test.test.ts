import { describe, expect, it } from 'vitest';
import { cochranArmitage } from './trend-test.js';

describe('cochranArmitage', () => {
  // Agresti, Categorical Data Analysis (2nd ed.), table 2.7: maternal alcohol consumption and
  // congenital malformation, scores 0, 0.5, 1.5, 4, 7; M² = 6.57, one-sided P ≈ 0.005.
  it('reproduces the textbook example', () => {
    const r = cochranArmitage([48, 38, 5, 1, 1], [17114, 14502, 793, 127, 38], [0, 0.5, 1.5, 4, 7]);
    expect(r.z * r.z).toBeCloseTo(6.57, 2);
    expect(r.pIncrease).toBeCloseTo(0.0052, 4);
    expect(r.pDecrease).toBeCloseTo(1 - 0.0052, 4);
  });
  it('finds no trend in constant proportions and handles degenerate input', () => {
    expect(cochranArmitage([2, 2, 2], [10, 10, 10], [0, 1, 2]).z).toBeCloseTo(0, 12);
    expect(cochranArmitage([0, 0], [5, 5], [0, 1]).pIncrease).toBe(1);
    expect(cochranArmitage([1, 1], [5, 5], [1, 1]).pIncrease).toBe(1);
    expect(() => cochranArmitage([1], [1, 2], [0, 1])).toThrow(RangeError);
  });
});
