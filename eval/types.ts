// Contract for every accuracy evaluation: eval/run.ts calls each task's `run()` and fails the
// whole run when any threshold is not met.
export interface EvalThreshold {
  metric: string;
  min?: number;
  max?: number;
}

export interface EvalResult {
  task: string;
  /** Measured figures, ours and baselines side by side (e.g. { f1: 0.98, baseline_f1: 0.91 }). */
  metrics: Record<string, number>;
  thresholds: EvalThreshold[];
  /** Free-form lines printed under the table (what was measured, on which data). */
  notes?: string[];
}
