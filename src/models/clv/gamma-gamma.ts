// Gamma-Gamma spend model (Fader, Hardie & Lee 2005b; Colombo & Jiang 1999). Each transaction
// value z ~ Gamma(p, ν), with ν ~ Gamma(q, γ) across customers; the mean m of x repeat
// transactions then has likelihood
//   ℓ = lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln γ + (px−1) ln m + px ln x − (px+q) ln(xm + γ)
// (lifetimes' form, dropping the −ln Γ terms constant in the parameters). Fitted by MLE on
// customers with x > 0. Assumes spend is independent of purchase frequency.
// E[M | x, m] = (p(γ + x m)) / (px + q − 1), a weighted mean of the population mean pγ/(q−1)
// and the customer's own m.

import { InputError } from '../../lib/errors.js';
import { digamma, lgamma } from '../special.js';
import { indexDistinctX } from './aggregate.js';
import { fitMaximumLikelihood } from './fit-mle.js';
import type { FitInfo, GammaGammaParams } from './types.js';

export interface GammaGammaFit extends FitInfo {
  params: GammaGammaParams;
}

interface SpendData {
  x: Float64Array;
  m: Float64Array;
  /** ln m and x ln x, fixed across evaluations */
  lnM: Float64Array;
  xLnX: Float64Array;
  xIndex: Uint32Array;
  xValues: Float64Array;
}

function prepare(frequency: ArrayLike<number>, monetary: ArrayLike<number>): SpendData {
  if (frequency.length !== monetary.length) {
    throw new InputError(
      'INPUT_BAD_SUMMARY',
      'spend summary: frequency and monetary differ in length',
    );
  }
  const xs: number[] = [];
  const ms: number[] = [];
  for (let i = 0; i < frequency.length; i++) {
    const x = frequency[i]!;
    if (x <= 0) continue;
    const m = monetary[i]!;
    if (!(m > 0 && Number.isFinite(m))) {
      throw new InputError(
        'INPUT_BAD_SUMMARY',
        `spend summary row ${i}: monetary value ${m} (expected a positive number for a repeat customer)`,
        { where: { index: i } },
      );
    }
    xs.push(x);
    ms.push(m);
  }
  return {
    x: Float64Array.from(xs),
    m: Float64Array.from(ms),
    lnM: Float64Array.from(ms, Math.log),
    xLnX: Float64Array.from(xs, (x) => x * Math.log(x)),
    ...indexDistinctX(xs),
  };
}

function logLikelihood(params: GammaGammaParams, d: SpendData, grad?: Float64Array): number {
  const { p, q, gamma } = params;
  const nx = d.xValues.length;
  const c = new Float64Array(nx);
  const dp = new Float64Array(nx);
  const dq = new Float64Array(nx);
  const lgQ = lgamma(q);
  const psiQ = digamma(q);
  const lnG = Math.log(gamma);
  for (let k = 0; k < nx; k++) {
    const x = d.xValues[k]!;
    c[k] = lgamma(p * x + q) - lgamma(p * x) - lgQ + q * lnG;
    if (grad) {
      const psiPXQ = digamma(p * x + q);
      dp[k] = x * (psiPXQ - digamma(p * x));
      dq[k] = psiPXQ - psiQ + lnG;
    }
  }
  let ll = 0;
  let gp = 0;
  let gq = 0;
  let gg = 0;
  for (let i = 0; i < d.x.length; i++) {
    const x = d.x[i]!;
    const k = d.xIndex[i]!;
    const px = p * x;
    const denom = x * d.m[i]! + gamma;
    const lnDen = Math.log(denom);
    ll += c[k]! + (px - 1) * d.lnM[i]! + p * d.xLnX[i]! - (px + q) * lnDen;
    if (grad) {
      gp += dp[k]! + x * d.lnM[i]! + d.xLnX[i]! - x * lnDen;
      gq += dq[k]! - lnDen;
      gg += q / gamma - (px + q) / denom;
    }
  }
  if (grad) {
    grad[0] = gp;
    grad[1] = gq;
    grad[2] = gg;
  }
  return ll;
}

/** Log-likelihood of Gamma-Gamma over repeat customers (x > 0); for tests and diagnostics. */
export function gammaGammaLogLikelihood(
  params: GammaGammaParams,
  frequency: ArrayLike<number>,
  monetary: ArrayLike<number>,
): number {
  return logLikelihood(params, prepare(frequency, monetary));
}

const toParams = (v: Float64Array): GammaGammaParams => ({ p: v[0]!, q: v[1]!, gamma: v[2]! });

/** Maximum-likelihood fit on the repeat customers (frequency > 0) of a summary. */
export function fitGammaGamma(
  summary: { frequency: ArrayLike<number>; monetary: ArrayLike<number> },
  options: { initial?: GammaGammaParams } = {},
): GammaGammaFit {
  const d = prepare(summary.frequency, summary.monetary);
  const n = d.x.length;
  if (n < 2) {
    throw new InputError(
      'INPUT_TOO_FEW_CUSTOMERS',
      `Gamma-Gamma fit: ${n} repeat customers (expected at least 2)`,
    );
  }
  let meanM = 0;
  for (let i = 0; i < n; i++) meanM += d.m[i]! / n;
  const init = options.initial ?? { p: 2, q: 3, gamma: meanM };
  const { x, info } = fitMaximumLikelihood(
    (v, g) => logLikelihood(toParams(v), d, g),
    n,
    [init.p, init.q, init.gamma],
    [1, 1, 1],
  );
  return { params: toParams(x), ...info };
}

/** E[M | x, m]: conditional expected average value per transaction (population mean when x = 0). */
export function gammaGammaExpectedAverageValue(
  params: GammaGammaParams,
  x: number,
  m: number,
): number {
  const { p, q, gamma } = params;
  const populationMean = (p * gamma) / (q - 1);
  if (x === 0) return populationMean;
  const weight = (p * x) / (p * x + q - 1);
  return (1 - weight) * populationMean + weight * m;
}
