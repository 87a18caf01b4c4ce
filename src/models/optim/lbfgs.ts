// Limited-memory BFGS (Nocedal & Wright 2006, Alg. 7.4 two-loop recursion) with a backtracking
// Armijo line search. Curvature pairs with sᵀy <= 0 are skipped, and the memory is reset to
// steepest descent when the direction is not a descent direction, so it never diverges.
// Stops when ‖g‖∞ < gradTol or the relative decrease of f stalls.

import type { MinimizeResult, ObjectiveWithGradient } from './types.js';

export interface LbfgsOptions {
  memory?: number;
  maxIterations?: number;
  gradTol?: number;
  relTol?: number;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

export function minimizeLbfgs(
  fg: ObjectiveWithGradient,
  x0: ArrayLike<number>,
  options: LbfgsOptions = {},
): MinimizeResult {
  const m = options.memory ?? 8;
  const maxIter = options.maxIterations ?? 500;
  const gradTol = options.gradTol ?? 1e-8;
  const relTol = options.relTol ?? 1e-13;
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let f = fg(x, g);
  let evals = 1;
  if (!Number.isFinite(f)) {
    return {
      x,
      value: Number.POSITIVE_INFINITY,
      iterations: 0,
      evaluations: 1,
      converged: false,
      method: 'lbfgs',
    };
  }
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(m);
  const d = new Float64Array(n);
  let xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  let converged = false;
  let iter = 0;
  let stall = 0;
  for (; iter < maxIter; iter++) {
    let gmax = 0;
    for (let i = 0; i < n; i++) gmax = Math.max(gmax, Math.abs(g[i]!));
    if (gmax < gradTol) {
      converged = true;
      break;
    }
    // two-loop recursion: d = −H g
    for (let i = 0; i < n; i++) d[i] = -g[i]!;
    for (let k = S.length - 1; k >= 0; k--) {
      const a = rho[k]! * dot(S[k]!, d);
      alpha[k] = a;
      const yk = Y[k]!;
      for (let i = 0; i < n; i++) d[i] = d[i]! - a * yk[i]!;
    }
    if (S.length > 0) {
      const last = S.length - 1;
      const gamma = dot(S[last]!, Y[last]!) / dot(Y[last]!, Y[last]!);
      for (let i = 0; i < n; i++) d[i] = d[i]! * gamma;
    } else {
      const scale = 1 / Math.max(1, Math.sqrt(dot(g, g)));
      for (let i = 0; i < n; i++) d[i] = d[i]! * scale;
    }
    for (let k = 0; k < S.length; k++) {
      const b = rho[k]! * dot(Y[k]!, d);
      const sk = S[k]!;
      for (let i = 0; i < n; i++) d[i] = d[i]! + (alpha[k]! - b) * sk[i]!;
    }
    let slope = dot(g, d);
    if (!(slope < 0)) {
      S.length = 0;
      Y.length = 0;
      rho.length = 0;
      const scale = 1 / Math.max(1, Math.sqrt(dot(g, g)));
      for (let i = 0; i < n; i++) d[i] = -g[i]! * scale;
      slope = dot(g, d);
    }
    // backtracking Armijo line search
    let t = 1;
    let fNew = Number.POSITIVE_INFINITY;
    let accepted = false;
    for (let ls = 0; ls < 60; ls++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i]! + t * d[i]!;
      fNew = fg(xNew, gNew);
      evals++;
      if (Number.isFinite(fNew) && fNew <= f + 1e-4 * t * slope) {
        accepted = true;
        break;
      }
      t *= 0.5;
    }
    if (!accepted) {
      if (S.length === 0) {
        converged = gmax < Math.sqrt(gradTol);
        break;
      }
      S.length = 0;
      Y.length = 0;
      rho.length = 0;
      continue;
    }
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i]! - x[i]!;
      y[i] = gNew[i]! - g[i]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (S.length === m) {
        S.shift();
        Y.shift();
        rho.shift();
      }
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
    }
    const decrease = f - fNew;
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    f = fNew;
    if (decrease <= relTol * Math.max(1, Math.abs(f))) {
      stall++;
      if (stall >= 3) {
        converged = true;
        iter++;
        break;
      }
    } else stall = 0;
  }
  return { x, value: f, iterations: iter, evaluations: evals, converged, method: 'lbfgs' };
}
