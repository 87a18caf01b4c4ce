// Nelder–Mead simplex (Lagarias et al. 1998 coefficients: reflect 1, expand 2, contract 1/2,
// shrink 1/2), derivative-free. Restarts from the best vertex with a fresh simplex until a
// restart no longer improves f, which guards against premature collapse of the simplex.

import type { MinimizeResult, Objective } from './types.js';

export interface NelderMeadOptions {
  maxEvaluations?: number;
  /** Initial simplex step per coordinate (absolute). */
  step?: number;
  /** Stop when the f spread across the simplex is below this. */
  fTol?: number;
  restarts?: number;
}

function safe(f: Objective, x: Float64Array): number {
  const v = f(x);
  return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
}

function runSimplex(
  f: Objective,
  x0: Float64Array,
  step: number,
  fTol: number,
  budget: number,
): { x: Float64Array; value: number; evals: number; iterations: number } {
  const n = x0.length;
  const pts: Float64Array[] = [Float64Array.from(x0)];
  for (let i = 0; i < n; i++) {
    const p = Float64Array.from(x0);
    p[i] = p[i]! + step;
    pts.push(p);
  }
  const vals = pts.map((p) => safe(f, p));
  let evals = n + 1;
  let iterations = 0;
  const order = Array.from({ length: n + 1 }, (_, i) => i);
  const centroid = new Float64Array(n);
  const trial = (coef: number, worst: Float64Array) => {
    const p = new Float64Array(n);
    for (let j = 0; j < n; j++) p[j] = centroid[j]! + coef * (worst[j]! - centroid[j]!);
    return p;
  };
  while (evals < budget) {
    iterations++;
    order.sort((a, b) => vals[a]! - vals[b]!);
    const best = order[0]!;
    const worst = order[n]!;
    const second = order[n - 1]!;
    if (Math.abs(vals[worst]! - vals[best]!) <= fTol * (Math.abs(vals[best]!) + 1e-12)) break;
    centroid.fill(0);
    for (const i of order.slice(0, n)) for (let j = 0; j < n; j++) centroid[j]! += pts[i]![j]! / n;
    const xr = trial(-1, pts[worst]!);
    const fr = safe(f, xr);
    evals++;
    if (fr < vals[best]!) {
      const xe = trial(-2, pts[worst]!);
      const fe = safe(f, xe);
      evals++;
      if (fe < fr) [pts[worst], vals[worst]] = [xe, fe];
      else [pts[worst], vals[worst]] = [xr, fr];
    } else if (fr < vals[second]!) {
      [pts[worst], vals[worst]] = [xr, fr];
    } else {
      const outside = fr < vals[worst]!;
      const xc = trial(outside ? -0.5 : 0.5, pts[worst]!);
      const fc = safe(f, xc);
      evals++;
      if (fc < (outside ? fr : vals[worst]!)) [pts[worst], vals[worst]] = [xc, fc];
      else {
        const xb = pts[best]!;
        for (const i of order.slice(1)) {
          const p = pts[i]!;
          for (let j = 0; j < n; j++) p[j] = xb[j]! + 0.5 * (p[j]! - xb[j]!);
          vals[i] = safe(f, p);
          evals++;
        }
      }
    }
  }
  let bi = 0;
  for (let i = 1; i <= n; i++) if (vals[i]! < vals[bi]!) bi = i;
  return { x: pts[bi]!, value: vals[bi]!, evals, iterations };
}

export function minimizeNelderMead(
  f: Objective,
  x0: ArrayLike<number>,
  options: NelderMeadOptions = {},
): MinimizeResult {
  const budget = options.maxEvaluations ?? 20_000;
  const fTol = options.fTol ?? 1e-12;
  const restarts = options.restarts ?? 5;
  let step = options.step ?? 0.5;
  let x: Float64Array = Float64Array.from(x0);
  let value = safe(f, x);
  let evals = 1;
  let iterations = 0;
  let converged = false;
  for (let r = 0; r <= restarts && evals < budget; r++) {
    const run = runSimplex(f, x, step, fTol, budget - evals);
    evals += run.evals;
    iterations += run.iterations;
    const improved = value - run.value;
    if (run.value <= value) {
      x = run.x;
      value = run.value;
    }
    if (r > 0 && improved <= fTol * (Math.abs(value) + 1e-12)) {
      converged = true;
      break;
    }
    step = Math.max(step * 0.5, 1e-3);
  }
  return { x, value, iterations, evaluations: evals, converged, method: 'nelder-mead' };
}
