// Robust front door: L-BFGS (analytic or numeric gradient) followed by a Nelder–Mead polish
// started from the L-BFGS answer, from several starting points; keeps the best. Positive
// parameters are optimised as θ = ln p so every step stays in the domain, with the chain rule
// ∂f/∂θ = p · ∂f/∂p for analytic gradients.

import { minimizeLbfgs } from './lbfgs.js';
import { minimizeNelderMead } from './nelder-mead.js';
import { withNumericGradient } from './numeric-gradient.js';
import type { MinimizeResult, Objective, ObjectiveWithGradient } from './types.js';

export interface MinimizeOptions {
  /** Analytic gradient; without it a central-difference gradient is used. */
  gradient?: ObjectiveWithGradient;
  /** Extra starting points tried besides x0. */
  starts?: ArrayLike<number>[];
  /** Run a Nelder–Mead polish after L-BFGS (default true). */
  polish?: boolean;
  maxIterations?: number;
}

export function minimize(
  f: Objective,
  x0: ArrayLike<number>,
  options: MinimizeOptions = {},
): MinimizeResult {
  const fg = options.gradient ?? withNumericGradient(f);
  const starts = [x0, ...(options.starts ?? [])];
  let best: MinimizeResult | undefined;
  let evaluations = 0;
  for (const start of starts) {
    let res = minimizeLbfgs(fg, start, { maxIterations: options.maxIterations ?? 500 });
    evaluations += res.evaluations;
    if (options.polish !== false || !Number.isFinite(res.value)) {
      const nm = minimizeNelderMead(f, Number.isFinite(res.value) ? res.x : start, {
        step: Number.isFinite(res.value) ? 0.05 : 0.5,
        maxEvaluations: 4000,
        restarts: 3,
      });
      evaluations += nm.evaluations;
      if (nm.value < res.value)
        res = { ...nm, converged: nm.converged, method: 'lbfgs+nelder-mead' };
    }
    if (!best || res.value < best.value) best = res;
  }
  return { ...best!, evaluations };
}

export interface PositiveObjective {
  /** f(p) for p > 0 componentwise. */
  value: Objective;
  /** Optional analytic gradient with respect to p (not log p). */
  gradient?: ObjectiveWithGradient;
}

/** Minimises f over positive parameters by working on log-parameters. Returns p, not log p. */
export function minimizePositive(
  objective: PositiveObjective,
  p0: ArrayLike<number>,
  options: Omit<MinimizeOptions, 'gradient'> = {},
): MinimizeResult {
  const n = p0.length;
  const p = new Float64Array(n);
  const toP = (theta: Float64Array) => {
    for (let i = 0; i < n; i++) p[i] = Math.exp(theta[i]!);
    return p;
  };
  const f: Objective = (theta) => objective.value(toP(theta));
  const analytic = objective.gradient;
  const gradient: ObjectiveWithGradient | undefined = analytic
    ? (theta, grad) => {
        const v = analytic(toP(theta), grad);
        for (let i = 0; i < n; i++) grad[i] = grad[i]! * p[i]!;
        return v;
      }
    : undefined;
  const log = (xs: ArrayLike<number>) => Array.from(xs, (v) => Math.log(v));
  const res = minimize(f, log(p0), {
    ...options,
    ...(gradient ? { gradient } : {}),
    starts: (options.starts ?? []).map(log),
  });
  return { ...res, x: Float64Array.from(res.x, (t) => Math.exp(t)) };
}
