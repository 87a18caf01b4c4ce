// Customer lifetime value over a horizon of whole months, as lifetimes'
// customer_lifetime_value: for month k = 1..H,
//   CLV = Σ_k E[M | x, m] · (E[Y(k·f) | x, t_x, T] − E[Y((k−1)·f) | x, t_x, T]) / (1 + d)^k
// where f converts a month into the summary's time unit (4.345 weeks or 30 days), d is the
// monthly discount rate, E[Y] comes from BG/NBD and E[M] from Gamma-Gamma.

import { InputError } from '../../lib/errors.js';
import { bgNbdConditionalExpectedPurchases } from './bg-nbd.js';
import { gammaGammaExpectedAverageValue } from './gamma-gamma.js';
import type { BgNbdParams, GammaGammaParams, RfmSummary, TimeUnit } from './types.js';

export const UNITS_PER_MONTH: Record<TimeUnit, number> = { weeks: 4.345, days: 30 };

export interface ClvOptions {
  months?: number;
  monthlyDiscountRate?: number;
  timeUnit: TimeUnit;
}

/** CLV per customer (same order as the summary). */
export function computeClv(
  summary: Pick<RfmSummary, 'frequency' | 'recency' | 'T' | 'monetary'>,
  bgNbd: BgNbdParams,
  gammaGamma: GammaGammaParams,
  options: ClvOptions,
): Float64Array {
  const months = options.months ?? 12;
  const rate = options.monthlyDiscountRate ?? 0.01;
  if (!(Number.isInteger(months) && months >= 1)) {
    throw new InputError(
      'INPUT_BAD_OPTION',
      `CLV: months = ${months} (expected a whole number >= 1)`,
    );
  }
  if (!(rate > -1)) {
    throw new InputError('INPUT_BAD_OPTION', `CLV: monthly discount rate ${rate} (expected > -1)`);
  }
  const f = UNITS_PER_MONTH[options.timeUnit];
  const n = summary.frequency.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = summary.frequency[i]!;
    const tx = summary.recency[i]!;
    const T = summary.T[i]!;
    const value = gammaGammaExpectedAverageValue(gammaGamma, x, summary.monetary[i]!);
    let previous = 0;
    let clv = 0;
    for (let k = 1; k <= months; k++) {
      const cumulative = bgNbdConditionalExpectedPurchases(bgNbd, k * f, x, tx, T);
      clv += (value * (cumulative - previous)) / (1 + rate) ** k;
      previous = cumulative;
    }
    out[i] = clv;
  }
  return out;
}
