// Cochran–Armitage test for a trend in proportions across ordered groups (Cochran 1954;
// Armitage 1955): x_g events out of n_g trials in group g with score s_g. With p̂ = Σx/Σn,
//   T = Σ s_g (x_g − n_g p̂),  Var T = p̂(1 − p̂) [Σ n_g s_g² − (Σ n_g s_g)² / Σn],  z = T / √Var T,
// one-sided p-values from N(0, 1). It is the score test of a logistic (≈ linear) trend in the
// scores, so the choice of scores is the alternative: week index for a steady trend, or a ramp
// (0 … 0, 1, 2, …, W over the last W periods) for "rising over the last W periods".
// z² equals Agresti's M² up to the factor N/(N − 1). Asymptotic: fine once Σx is ~20 or more.
import { normalCdf } from './normal.js';

export interface TrendTest {
  z: number;
  /** One-sided p-value: proportions increase with the score. */
  pIncrease: number;
  /** One-sided p-value: proportions decrease with the score. */
  pDecrease: number;
}

export function cochranArmitage(
  events: readonly number[],
  trials: readonly number[],
  scores: readonly number[],
): TrendTest {
  if (events.length !== trials.length || events.length !== scores.length) {
    throw new RangeError('cochranArmitage: events, trials and scores must have the same length');
  }
  let sx = 0;
  let sn = 0;
  for (let g = 0; g < events.length; g++) {
    sx += events[g] ?? 0;
    sn += trials[g] ?? 0;
  }
  if (sn <= 0 || sx <= 0 || sx >= sn) return { z: 0, pIncrease: 1, pDecrease: 1 };
  const p = sx / sn;
  let t = 0;
  let sns = 0;
  let sns2 = 0;
  for (let g = 0; g < events.length; g++) {
    const n = trials[g] ?? 0;
    const s = scores[g] ?? 0;
    t += s * ((events[g] ?? 0) - n * p);
    sns += n * s;
    sns2 += n * s * s;
  }
  const variance = p * (1 - p) * (sns2 - (sns * sns) / sn);
  if (!(variance > 0)) return { z: 0, pIncrease: 1, pDecrease: 1 };
  const z = t / Math.sqrt(variance);
  return { z, pIncrease: 1 - normalCdf(z), pDecrease: normalCdf(z) };
}
