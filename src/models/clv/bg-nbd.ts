// BG/NBD "buy till you die" model (Fader, Hardie & Lee 2005). While alive a customer buys as a
// Poisson process with rate λ ~ Gamma(r, α); after each repeat purchase they drop out with
// probability p ~ Beta(a, b). For a customer with x repeat purchases, last at t_x, observed
// for T:
//   L = B(a, b+x)/B(a, b) · Γ(r+x)α^r/Γ(r) · [ (α+T)^−(r+x) + 1{x>0} a/(b+x−1) (α+t_x)^−(r+x) ]
// Fitted by maximum likelihood on log-parameters (L-BFGS with the analytic gradient), over
// distinct (x, t_x, T) triples weighted by their counts. No penalty, as in the paper.

import { InputError } from '../../lib/errors.js';
import { digamma, hyp2f1, lgamma } from '../special.js';
import { type AggregatedTriples, aggregateTriples } from './aggregate.js';
import { fitMaximumLikelihood } from './fit-mle.js';
import type { BgNbdParams, FitInfo } from './types.js';

export interface BgNbdFit extends FitInfo {
  params: BgNbdParams;
}

/** Total log-likelihood Σ count·ℓ over aggregated triples; fills ∂/∂(r, α, a, b) when asked. */
export function bgNbdLogLikelihood(
  params: BgNbdParams,
  data: AggregatedTriples,
  grad?: Float64Array,
): number {
  const { r, alpha, a, b } = params;
  const nx = data.xValues.length;
  const c0 = new Float64Array(nx);
  const dr0 = new Float64Array(nx);
  const da0 = new Float64Array(nx);
  const db0 = new Float64Array(nx);
  const lnAlpha = Math.log(alpha);
  const lgR = lgamma(r);
  const lgAB = lgamma(a + b);
  const lgB = lgamma(b);
  const psiR = digamma(r);
  const psiAB = digamma(a + b);
  const psiB = digamma(b);
  for (let k = 0; k < nx; k++) {
    const x = data.xValues[k]!;
    c0[k] = lgamma(r + x) - lgR + r * lnAlpha + lgAB + lgamma(b + x) - lgB - lgamma(a + b + x);
    if (grad) {
      const psiABX = digamma(a + b + x);
      dr0[k] = digamma(r + x) - psiR + lnAlpha;
      da0[k] = psiAB - psiABX;
      db0[k] = psiAB + digamma(b + x) - psiB - psiABX;
    }
  }
  const lnA = Math.log(a);
  let ll = 0;
  let gr = 0;
  let gal = 0;
  let ga = 0;
  let gb = 0;
  const { x: X, tx: TX, T: TT, count, xIndex } = data;
  for (let i = 0; i < X.length; i++) {
    const x = X[i]!;
    const k = xIndex[i]!;
    const w = count[i]!;
    const rx = r + x;
    const lnT = Math.log(alpha + TT[i]!);
    const a3 = -rx * lnT;
    if (x === 0) {
      ll += w * (c0[k]! + a3);
      if (grad) {
        gr += w * (dr0[k]! - lnT);
        gal += w * (r / alpha - rx / (alpha + TT[i]!));
        ga += w * da0[k]!;
        gb += w * db0[k]!;
      }
      continue;
    }
    const lnTx = Math.log(alpha + TX[i]!);
    const bx1 = b + x - 1;
    const a4 = lnA - Math.log(bx1) - rx * lnTx;
    const hi = Math.max(a3, a4);
    const lo = Math.min(a3, a4);
    const e = Math.exp(lo - hi);
    ll += w * (c0[k]! + hi + Math.log1p(e));
    if (grad) {
      // weights of the two terms inside the log
      const w4 = a4 >= a3 ? 1 / (1 + e) : e / (1 + e);
      const w3 = 1 - w4;
      gr += w * (dr0[k]! - w3 * lnT - w4 * lnTx);
      gal += w * (r / alpha - rx * (w3 / (alpha + TT[i]!) + w4 / (alpha + TX[i]!)));
      ga += w * (da0[k]! + w4 / a);
      gb += w * (db0[k]! - w4 / bx1);
    }
  }
  if (grad) {
    grad[0] = gr;
    grad[1] = gal;
    grad[2] = ga;
    grad[3] = gb;
  }
  return ll;
}

export interface FitBgNbdOptions {
  initial?: BgNbdParams;
}

const toParams = (p: Float64Array): BgNbdParams => ({ r: p[0]!, alpha: p[1]!, a: p[2]!, b: p[3]! });

/** Maximum-likelihood fit of BG/NBD on per-customer (frequency, recency, T). */
export function fitBgNbd(
  summary: { frequency: ArrayLike<number>; recency: ArrayLike<number>; T: ArrayLike<number> },
  options: FitBgNbdOptions = {},
): BgNbdFit {
  const data = aggregateTriples(summary.frequency, summary.recency, summary.T);
  if (data.customers < 2) {
    throw new InputError(
      'INPUT_TOO_FEW_CUSTOMERS',
      `BG/NBD fit: ${data.customers} customers (expected at least 2)`,
    );
  }
  const n = data.customers;
  let meanT = 0;
  for (let i = 0; i < data.T.length; i++) meanT += (data.T[i]! * data.count[i]!) / n;
  const init = options.initial ?? { r: 1, alpha: Math.max(meanT / 4, 1e-3), a: 1, b: 1 };
  const { x, info } = fitMaximumLikelihood(
    (p, g) => bgNbdLogLikelihood(toParams(p), data, g),
    n,
    [init.r, init.alpha, init.a, init.b],
    [0.5, Math.max(meanT, 1e-3), 0.5, 3],
  );
  return { params: toParams(x), ...info };
}

/** E[X(t)]: expected repeat purchases in (0, t] for a randomly chosen new customer. */
export function bgNbdExpectedPurchases(params: BgNbdParams, t: number): number {
  const { r, alpha, a, b } = params;
  const z = t / (alpha + t);
  return ((a + b - 1) / (a - 1)) * (1 - (alpha / (alpha + t)) ** r * hyp2f1(r, b, a + b - 1, z));
}

/** P(alive | x, t_x, T). */
export function bgNbdProbabilityAlive(
  params: BgNbdParams,
  x: number,
  tx: number,
  T: number,
): number {
  if (x === 0) return 1;
  const { r, alpha, a, b } = params;
  const logOdds = Math.log(a / (b + x - 1)) + (r + x) * Math.log((alpha + T) / (alpha + tx));
  return 1 / (1 + Math.exp(logOdds));
}

/** E[Y(t) | x, t_x, T]: expected purchases in (T, T + t] for a customer with that history. */
export function bgNbdConditionalExpectedPurchases(
  params: BgNbdParams,
  t: number,
  x: number,
  tx: number,
  T: number,
): number {
  const { r, alpha, a, b } = params;
  const z = t / (alpha + T + t);
  const core =
    1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z);
  return ((a + b + x - 1) / (a - 1)) * core * bgNbdProbabilityAlive(params, x, tx, T);
}

/** P(X(t) = n) for a randomly chosen new customer (FHL 2005 eq. 8). */
export function bgNbdProbabilityOfPurchases(params: BgNbdParams, t: number, n: number): number {
  const { r, alpha, a, b } = params;
  const lnB = (p: number, q: number) => lgamma(p) + lgamma(q) - lgamma(p + q);
  const lnRatio = Math.log(alpha / (alpha + t));
  const lnZ = Math.log(t / (alpha + t));
  const first = Math.exp(
    lnB(a, b + n) - lnB(a, b) + lgamma(r + n) - lgamma(r) - lgamma(n + 1) + r * lnRatio + n * lnZ,
  );
  if (n === 0) return first;
  let sum = 0;
  for (let j = 0; j < n; j++) {
    sum += Math.exp(lgamma(r + j) - lgamma(r) - lgamma(j + 1) + r * lnRatio + j * lnZ);
  }
  return first + Math.exp(lnB(a + 1, b + n - 1) - lnB(a, b)) * (1 - sum);
}
