import { describe, expect, it } from 'vitest';
import { brierScore, logLoss, prAuc, rocAuc } from './metrics.js';

describe('classifier metrics', () => {
  it('ROC AUC and average precision match scikit-learn on its doc example', () => {
    const y = [0, 0, 1, 1];
    const s = [0.1, 0.4, 0.35, 0.8];
    expect(rocAuc(s, y)).toBeCloseTo(0.75, 12);
    expect(prAuc(s, y)).toBeCloseTo(0.8333333333333333, 12);
  });
  it('counts ties as half (mid-ranks)', () => {
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
    expect(rocAuc([0.2, 0.5, 0.5, 0.9], [0, 0, 1, 1])).toBeCloseTo(0.875, 12);
    expect(prAuc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBeCloseTo(0.5, 12);
  });
  it('is 1 for a perfect ranking and NaN for one class', () => {
    expect(rocAuc([0.1, 0.2, 0.9], [0, 0, 1])).toBe(1);
    expect(prAuc([0.1, 0.2, 0.9], [0, 0, 1])).toBe(1);
    expect(rocAuc([0.1, 0.2], [1, 1])).toBeNaN();
  });
  it('Brier score and log loss by hand', () => {
    expect(brierScore([0.9, 0.2, 0.6], [1, 0, 0])).toBeCloseTo((0.01 + 0.04 + 0.36) / 3, 14);
    expect(logLoss([0.9, 0.2], [1, 0])).toBeCloseTo(-(Math.log(0.9) + Math.log(0.8)) / 2, 14);
  });
  it('rejects mismatched lengths', () => {
    expect(() => rocAuc([0.1], [0, 1])).toThrow(
      expect.objectContaining({ code: 'INPUT_LENGTH_MISMATCH' }),
    );
  });
});
