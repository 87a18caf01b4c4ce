// Synthetic customers drawn from the generative stories of BG/NBD and Gamma-Gamma, for
// parameter-recovery tests and benchmarks. Seeded: the same seed gives the same customers.

import { type Rng, sampleBeta, sampleExponential, sampleGamma } from '../random.js';
import type { BgNbdParams, GammaGammaParams } from './types.js';

export interface SimulatedSummary {
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  monetary: Float64Array;
}

export interface SimulateOptions {
  /** Observation length T is drawn uniformly in [minT, maxT]. */
  minT: number;
  maxT: number;
  /** Round times to this grid (e.g. 1/7 for days in weeks); 0 keeps them continuous. */
  grid?: number;
  /** Spend parameters; without them monetary stays 0. */
  spend?: GammaGammaParams;
}

export function simulateCustomers(
  params: BgNbdParams,
  n: number,
  rng: Rng,
  options: SimulateOptions,
): SimulatedSummary {
  const frequency = new Float64Array(n);
  const recency = new Float64Array(n);
  const T = new Float64Array(n);
  const monetary = new Float64Array(n);
  const grid = options.grid ?? 0;
  const snap = (v: number) => (grid > 0 ? Math.round(v / grid) * grid : v);
  for (let i = 0; i < n; i++) {
    const lambda = sampleGamma(rng, params.r, 1 / params.alpha);
    const p = sampleBeta(rng, params.a, params.b);
    let t = snap(options.minT + (options.maxT - options.minT) * rng());
    if (t <= 0) t = grid > 0 ? grid : 1e-9;
    let now = 0;
    let x = 0;
    let tx = 0;
    for (;;) {
      now += sampleExponential(rng, lambda);
      if (now > t) break;
      x++;
      tx = now;
      if (rng() < p) break;
    }
    frequency[i] = x;
    recency[i] = x === 0 ? 0 : Math.min(snap(tx), t);
    T[i] = t;
    if (options.spend && x > 0) {
      const nu = sampleGamma(rng, options.spend.q, 1 / options.spend.gamma);
      let sum = 0;
      for (let j = 0; j < x; j++) sum += sampleGamma(rng, options.spend.p, 1 / nu);
      monetary[i] = sum / x;
    }
  }
  return { frequency, recency, T, monetary };
}
