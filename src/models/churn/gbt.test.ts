import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random.js';
import type { DesignMatrix } from './encoder.js';
import { fitGbt, gbtContributions, predictGbt } from './gbt.js';
import { fitLogistic, predictLogistic } from './logistic.js';
import { rocAuc } from './metrics.js';

/** Churn risk is a step in x0 and an interaction of x1 and x2; x3 is noise. */
function simulate(n: number, seed: number): { X: DesignMatrix; y: Uint8Array } {
  const rng = mulberry32(seed);
  const p = 4;
  const data = new Float64Array(n * p);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) data[i * p + j] = rng() * 2 - 1;
    const step = data[i * p]! > 0.3 ? 2 : -1;
    const inter = data[i * p + 1]! * data[i * p + 2]! > 0 ? 1.5 : -1.5;
    y[i] = rng() < 1 / (1 + Math.exp(-(step + inter))) ? 1 : 0;
  }
  return { X: { data, rows: n, columns: ['x0', 'x1', 'x2', 'x3'] }, y };
}

describe('fitGbt', () => {
  const train = simulate(8000, 1);
  const test = simulate(4000, 2);
  const model = fitGbt(train.X, train.y, { trees: 150, depth: 3, learningRate: 0.1 });

  it('learns a step and an interaction a linear model cannot', () => {
    const auc = rocAuc(predictGbt(model, test.X), test.y);
    const linear = rocAuc(predictLogistic(fitLogistic(train.X, train.y), test.X), test.y);
    // Bayes AUC for this design is about 0.83; logistic misses the interaction
    expect(auc).toBeGreaterThan(0.8);
    expect(auc).toBeGreaterThan(linear + 0.05);
  });

  it('Saabas contributions sum to the margin and ignore the noise column', () => {
    const probs = predictGbt(model, test.X);
    const roots = model.trees.reduce((s, t) => s + t.value[0]!, 0);
    let noise = 0;
    let signal = 0;
    for (let i = 0; i < 200; i++) {
      const c = gbtContributions(model, test.X, i);
      const margin = model.baseMargin + roots + c.reduce((a, b) => a + b, 0);
      expect(1 / (1 + Math.exp(-margin))).toBeCloseTo(probs[i]!, 10);
      noise += Math.abs(c[3]!);
      signal += Math.abs(c[0]!);
    }
    expect(noise).toBeLessThan(signal * 0.1);
  });

  it('is deterministic and validates its options', () => {
    const again = fitGbt(train.X, train.y, { trees: 150, depth: 3, learningRate: 0.1 });
    expect([...predictGbt(again, test.X).slice(0, 20)]).toEqual([
      ...predictGbt(model, test.X).slice(0, 20),
    ]);
    expect(() => fitGbt(train.X, train.y, { depth: 0 })).toThrow(
      expect.objectContaining({ code: 'INPUT_BAD_OPTION' }),
    );
  });
});
