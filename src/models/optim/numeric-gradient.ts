// Central-difference gradient: ∂f/∂x_i ≈ (f(x + h e_i) − f(x − h e_i)) / 2h with
// h = 1e-5 · max(1, |x_i|); error O(h²). Costs 2n evaluations.

import type { Objective, ObjectiveWithGradient } from './types.js';

/** Wraps a value-only objective so it also fills a numeric gradient. */
export function withNumericGradient(f: Objective, relStep = 1e-5): ObjectiveWithGradient {
  return (x, grad) => {
    const xi = Float64Array.from(x);
    for (let i = 0; i < x.length; i++) {
      const h = relStep * Math.max(1, Math.abs(x[i]!));
      xi[i] = x[i]! + h;
      const fp = f(xi);
      xi[i] = x[i]! - h;
      const fm = f(xi);
      xi[i] = x[i]!;
      grad[i] = (fp - fm) / (2 * h);
    }
    return f(x);
  };
}
