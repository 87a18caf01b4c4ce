// Shared shapes for the minimisers.

/** Objective value at x. Non-finite values are treated as +Infinity (outside the domain). */
export type Objective = (x: Float64Array) => number;

/** Objective value at x; writes ∂f/∂x into `grad` (same length as x). */
export type ObjectiveWithGradient = (x: Float64Array, grad: Float64Array) => number;

export interface MinimizeResult {
  x: Float64Array;
  value: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
  method: string;
}
