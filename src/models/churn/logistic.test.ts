import { describe, expect, it } from 'vitest';
import { mulberry32, sampleNormal } from '../random.js';
import type { DesignMatrix } from './encoder.js';
import { fitLogistic, logisticContributions, predictLogistic } from './logistic.js';

function simulate(n: number, beta: number[], seed: number): { X: DesignMatrix; y: Uint8Array } {
  const rng = mulberry32(seed);
  const p = beta.length - 1;
  const data = new Float64Array(n * p);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let z = beta[0]!;
    for (let j = 0; j < p; j++) {
      const v = sampleNormal(rng);
      data[i * p + j] = v;
      z += beta[j + 1]! * v;
    }
    y[i] = rng() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { X: { data, rows: n, columns: Array.from({ length: p }, (_, j) => `x${j}`) }, y };
}

describe('fitLogistic', () => {
  it('recovers known coefficients (n = 20,000, seed 4)', () => {
    const truth = [-1, 2, -1, 0.5, 0];
    const { X, y } = simulate(20_000, truth, 4);
    const m = fitLogistic(X, y, { l2: 1e-6 });
    expect(m.converged).toBe(true);
    expect(m.intercept).toBeCloseTo(-1, 1);
    truth.slice(1).forEach((b, j) => {
      expect(Math.abs(m.coefficients[j]! - b)).toBeLessThan(0.06);
    });
  });
  it('satisfies the penalised score equation Xᵀ(y − μ) = λβ at the optimum', () => {
    const { X, y } = simulate(2000, [0.3, 1, -2], 8);
    const l2 = 5;
    const m = fitLogistic(X, y, { l2 });
    const mu = predictLogistic(m, X);
    for (let j = 0; j < 2; j++) {
      let s = 0;
      for (let i = 0; i < X.rows; i++) s += X.data[i * 2 + j]! * (y[i]! - mu[i]!);
      expect(s).toBeCloseTo(l2 * m.coefficients[j]!, 5);
    }
    let s0 = 0;
    for (let i = 0; i < X.rows; i++) s0 += y[i]! - mu[i]!;
    expect(s0).toBeCloseTo(0, 5);
    // larger penalty shrinks towards 0
    const shrunk = fitLogistic(X, y, { l2: 500 });
    expect(Math.abs(shrunk.coefficients[1]!)).toBeLessThan(Math.abs(m.coefficients[1]!));
  });
  it('contributions plus intercept give the log-odds', () => {
    const { X, y } = simulate(500, [0, 1, 1], 2);
    const m = fitLogistic(X, y);
    const c = logisticContributions(m, X, 7);
    const z = m.intercept + c[0]! + c[1]!;
    expect(1 / (1 + Math.exp(-z))).toBeCloseTo(predictLogistic(m, X)[7]!, 12);
  });
  it('rejects labels other than 0/1', () => {
    const X = { data: Float64Array.of(1, 2), rows: 2, columns: ['a'] };
    expect(() => fitLogistic(X, [0, 2])).toThrow(
      expect.objectContaining({ code: 'INPUT_BAD_LABEL' }),
    );
  });
});
