// Column-oriented per-customer summaries: typed arrays keep 1M customers cheap.

/** RFM summary per customer (lifetimes' frequency / recency / T / monetary_value). */
export interface RfmSummary {
  ids: string[];
  /** Repeat purchase periods x (distinct purchase days − 1). */
  frequency: Float64Array;
  /** t_x: time from first to last purchase, in the summary's time unit. */
  recency: Float64Array;
  /** T: time from first purchase to the calibration end, in the summary's time unit. */
  T: Float64Array;
  /** Mean value of the repeat purchases (0 when frequency = 0). */
  monetary: Float64Array;
}

export type TimeUnit = 'days' | 'weeks';

export const DAYS_PER_UNIT: Record<TimeUnit, number> = { days: 1, weeks: 7 };

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface GammaGammaParams {
  p: number;
  q: number;
  /** γ, called v in lifetimes. */
  gamma: number;
}

export interface FitInfo {
  /** Sum of per-customer log-likelihoods at the optimum. */
  logLikelihood: number;
  customers: number;
  converged: boolean;
  iterations: number;
  evaluations: number;
}
