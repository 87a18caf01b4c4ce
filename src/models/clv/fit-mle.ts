// Maximum-likelihood fitting shared by the CLV models (BG/NBD, Gamma-Gamma): minimises the mean
// negative log-likelihood −ℓ(θ)/n over positive parameters with the shared optimiser
// (minimizePositive: log-parameterised, analytic gradient, the given initial point and one more
// start, no polishing), and reports the optimum as FitInfo with ℓ summed over the n customers.

import { minimizePositive } from '../optim/index.js';
import type { FitInfo } from './types.js';

/** Total log-likelihood at `params`; fills its gradient into `grad` when given. */
export type LogLikelihood = (params: Float64Array, grad?: Float64Array) => number;

/** The maximum-likelihood parameters `x` (same order as `initial`) and the fit information. */
export function fitMaximumLikelihood(
  logLikelihood: LogLikelihood,
  customers: number,
  initial: readonly number[],
  start: readonly number[],
): { x: Float64Array; info: FitInfo } {
  const n = customers;
  const dims = initial.length;
  const res = minimizePositive(
    {
      value: (v) => -logLikelihood(v) / n,
      gradient: (v, g) => {
        const val = -logLikelihood(v, g) / n;
        for (let i = 0; i < dims; i++) g[i] = -g[i]! / n;
        return val;
      },
    },
    initial,
    { polish: false, starts: [start] },
  );
  return {
    x: res.x,
    info: {
      logLikelihood: -res.value * n,
      customers: n,
      converged: res.converged,
      iterations: res.iterations,
      evaluations: res.evaluations,
    },
  };
}
