import { describe, expect, it } from 'vitest';
import {
  minimize,
  minimizeLbfgs,
  minimizeNelderMead,
  minimizePositive,
  withNumericGradient,
} from './index.js';

const rosenbrock = (x: Float64Array) => (1 - x[0]!) ** 2 + 100 * (x[1]! - x[0]! ** 2) ** 2;
const rosenbrockGrad = (x: Float64Array, g: Float64Array) => {
  const a = x[0]!;
  const b = x[1]!;
  g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
  g[1] = 200 * (b - a * a);
  return rosenbrock(x);
};

describe('minimizeLbfgs', () => {
  it('finds the Rosenbrock minimum (1, 1) with an analytic gradient', () => {
    const r = minimizeLbfgs(rosenbrockGrad, [-1.2, 1]);
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(1, 6);
  });
  it('works with a numeric gradient on a 10-d quadratic', () => {
    const f = (x: Float64Array) => x.reduce((s, v, i) => s + (i + 1) * (v - i) ** 2, 0);
    const r = minimizeLbfgs(withNumericGradient(f), new Float64Array(10));
    for (let i = 0; i < 10; i++) expect(r.x[i]).toBeCloseTo(i, 5);
  });
  it('treats non-finite values as outside the domain', () => {
    // f = 1/x + ln x, undefined (NaN) for x <= 0, minimum at x = 1; a full step from 0.2 leaves the domain
    const fg = (x: Float64Array, g: Float64Array) => {
      const v = x[0]!;
      g[0] = -1 / v ** 2 + 1 / v;
      return v > 0 ? 1 / v + Math.log(v) : Number.NaN;
    };
    const r = minimizeLbfgs(fg, [0.2]);
    expect(r.x[0]).toBeCloseTo(1, 6);
  });
});

describe('minimizeNelderMead', () => {
  it('finds the Rosenbrock minimum without derivatives', () => {
    const r = minimizeNelderMead(rosenbrock, [-1.2, 1]);
    expect(r.x[0]).toBeCloseTo(1, 4);
    expect(r.x[1]).toBeCloseTo(1, 4);
  });
});

describe('minimize / minimizePositive', () => {
  it('keeps the best of several starts on a bimodal function', () => {
    // two minima: x = −2 (f = 0) and x = 2 (f = 1)
    const f = (x: Float64Array) => Math.min((x[0]! + 2) ** 2, (x[0]! - 2) ** 2 + 1);
    const r = minimize(f, [3], { starts: [[-3]] });
    expect(r.x[0]).toBeCloseTo(-2, 4);
    expect(r.value).toBeCloseTo(0, 8);
  });
  it('recovers positive parameters through log space (gamma MLE of known shape/rate)', () => {
    // negative mean log-likelihood of Gamma(k, rate) with sufficient statistics
    const meanX = 3;
    const meanLogX = 0.9;
    const nll = (p: Float64Array) => {
      const [k, rate] = [p[0]!, p[1]!];
      return -(k * Math.log(rate) - lgammaStirling(k) + (k - 1) * meanLogX - rate * meanX);
    };
    const r = minimizePositive({ value: nll }, [1, 1]);
    expect(r.x[0]! > 0 && r.x[1]! > 0).toBe(true);
    // at the optimum rate = k / meanX
    expect(r.x[1]).toBeCloseTo(r.x[0]! / meanX, 5);
  });
});

function lgammaStirling(x: number): number {
  // ln Γ(x) via recurrence to x >= 8 then Stirling; enough for this test
  let acc = 0;
  let v = x;
  while (v < 8) {
    acc -= Math.log(v);
    v += 1;
  }
  return (
    acc +
    (v - 0.5) * Math.log(v) -
    v +
    0.5 * Math.log(2 * Math.PI) +
    1 / (12 * v) -
    1 / (360 * v ** 3)
  );
}
