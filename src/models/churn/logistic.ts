// L2-penalised logistic regression, P(churn | x) = σ(β₀ + xᵀβ), fitted by Newton–Raphson /
// IRLS on the penalised log-likelihood  Σ [y log p + (1−y) log(1−p)] − (λ/2)‖β‖²  (intercept
// not penalised), with step halving so the objective never gets worse. The inputs are the
// standardised design matrix, so λ acts on comparable scales. Per-row contributions are
// βⱼ·xⱼ (coefficient × standardised value): they add up, with the intercept, to the log-odds.

import { InputError } from '../../lib/errors.js';
import { solveSpd } from '../linear-algebra.js';
import type { DesignMatrix } from './encoder.js';

export interface LogisticModel {
  kind: 'logistic';
  intercept: number;
  coefficients: Float64Array;
  columns: string[];
  iterations: number;
  converged: boolean;
}

export interface LogisticOptions {
  /** L2 penalty λ on the coefficients (default 1). */
  l2?: number;
  maxIterations?: number;
  /** Optional per-row weights. */
  weights?: ArrayLike<number>;
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

function objective(
  X: DesignMatrix,
  y: ArrayLike<number>,
  w: ArrayLike<number> | undefined,
  beta: Float64Array,
  l2: number,
): number {
  const p = X.columns.length;
  let ll = 0;
  for (let i = 0; i < X.rows; i++) {
    let z = beta[0]!;
    const base = i * p;
    for (let j = 0; j < p; j++) z += X.data[base + j]! * beta[j + 1]!;
    // log(1 + e^z) − y z, stably
    const softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    ll += (w ? w[i]! : 1) * (softplus - y[i]! * z);
  }
  let pen = 0;
  for (let j = 1; j <= p; j++) pen += beta[j]! * beta[j]!;
  return ll + 0.5 * l2 * pen;
}

export function fitLogistic(
  X: DesignMatrix,
  y: ArrayLike<number>,
  options: LogisticOptions = {},
): LogisticModel {
  const l2 = options.l2 ?? 1;
  const maxIter = options.maxIterations ?? 50;
  const w = options.weights;
  if (y.length !== X.rows)
    throw new InputError(
      'INPUT_LENGTH_MISMATCH',
      `logistic: ${X.rows} rows but ${y.length} labels`,
    );
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) {
      throw new InputError(
        'INPUT_BAD_LABEL',
        `logistic: label ${y[i]} at row ${i} (expected 0 or 1)`,
        { where: { index: i } },
      );
    }
  }
  const p = X.columns.length;
  const k = p + 1;
  let beta = new Float64Array(k);
  let current = objective(X, y, w, beta, l2);
  let converged = false;
  let iter = 0;
  const xi = new Float64Array(k);
  for (; iter < maxIter; iter++) {
    const hess = new Float64Array(k * k);
    const grad = new Float64Array(k);
    for (let i = 0; i < X.rows; i++) {
      const base = i * p;
      xi[0] = 1;
      let z = beta[0]!;
      for (let j = 0; j < p; j++) {
        xi[j + 1] = X.data[base + j]!;
        z += xi[j + 1]! * beta[j + 1]!;
      }
      const mu = sigmoid(z);
      const wi = w ? w[i]! : 1;
      const r = wi * (mu - y[i]!);
      const h = wi * mu * (1 - mu);
      for (let a = 0; a < k; a++) {
        const xa = xi[a]!;
        if (xa === 0) continue;
        grad[a] = grad[a]! + r * xa;
        const hx = h * xa;
        const row = a * k;
        for (let b = 0; b <= a; b++) hess[row + b] = hess[row + b]! + hx * xi[b]!;
      }
    }
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < a; b++) hess[b * k + a] = hess[a * k + b]!;
      if (a > 0) {
        grad[a] = grad[a]! + l2 * beta[a]!;
        hess[a * k + a] = hess[a * k + a]! + l2;
      }
      hess[a * k + a] = hess[a * k + a]! + 1e-10;
    }
    const step = solveSpd(hess, grad, k);
    let t = 1;
    let next = beta;
    let value = current;
    for (let half = 0; half < 30; half++) {
      const cand = Float64Array.from(beta, (b, j) => b - t * step[j]!);
      const v = objective(X, y, w, cand, l2);
      if (v <= current) {
        next = cand;
        value = v;
        break;
      }
      t /= 2;
    }
    const decrease = current - value;
    beta = next;
    current = value;
    if (decrease <= 1e-10 * Math.max(1, Math.abs(current))) {
      converged = true;
      iter++;
      break;
    }
  }
  return {
    kind: 'logistic',
    intercept: beta[0]!,
    coefficients: beta.slice(1),
    columns: [...X.columns],
    iterations: iter,
    converged,
  };
}

/** Churn probability per row. */
export function predictLogistic(model: LogisticModel, X: DesignMatrix): Float64Array {
  const p = model.coefficients.length;
  const out = new Float64Array(X.rows);
  const c = model.coefficients;
  const d = X.data;
  for (let i = 0; i < X.rows; i++) {
    let z = model.intercept;
    const base = i * p;
    for (let j = 0; j < p; j++) z += d[base + j]! * c[j]!;
    out[i] = sigmoid(z);
  }
  return out;
}

/** Log-odds contributions βⱼ·xⱼ of one row (length p); intercept excluded. */
export function logisticContributions(
  model: LogisticModel,
  X: DesignMatrix,
  row: number,
): Float64Array {
  const p = model.coefficients.length;
  return Float64Array.from(model.coefficients, (c, j) => c * X.data[row * p + j]!);
}
