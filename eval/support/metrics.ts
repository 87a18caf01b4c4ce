// Agreement between a clustering and reference labels: mutual information, normalised MI
// (arithmetic-mean normalisation), adjusted MI (Vinh, Epps & Bailey 2010: (MI − E[MI]) /
// (mean(H_U, H_V) − E[MI]), E[MI] under the hypergeometric model of random labellings with the
// same cluster sizes — sklearn's default), and purity (share of items in their cluster's majority
// label). Natural logarithms throughout.

import { logGamma } from '../../src/metrics/stats/log-gamma.js';

const logFactorial = (n: number) => logGamma(n + 1);

export interface Agreement {
  mi: number;
  nmi: number;
  ami: number;
  purity: number;
}

function counts<T>(xs: readonly T[]): Map<T, number> {
  const m = new Map<T, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

function entropy(sizes: Iterable<number>, n: number): number {
  let h = 0;
  for (const s of sizes) if (s > 0) h -= (s / n) * Math.log(s / n);
  return h;
}

/** Expected mutual information of random labellings with row sums a and column sums b. */
export function expectedMutualInformation(
  a: readonly number[],
  b: readonly number[],
  n: number,
): number {
  let emi = 0;
  const lfN = logFactorial(n);
  for (const ai of a) {
    for (const bj of b) {
      const lo = Math.max(1, ai + bj - n);
      const hi = Math.min(ai, bj);
      const base =
        logFactorial(ai) + logFactorial(bj) + logFactorial(n - ai) + logFactorial(n - bj) - lfN;
      for (let nij = lo; nij <= hi; nij++) {
        const logP =
          base -
          logFactorial(nij) -
          logFactorial(ai - nij) -
          logFactorial(bj - nij) -
          logFactorial(n - ai - bj + nij);
        emi += (nij / n) * Math.log((n * nij) / (ai * bj)) * Math.exp(logP);
      }
    }
  }
  return emi;
}

/** MI, NMI, AMI and purity of `predicted` against `truth` (same length). */
export function clusterAgreement<P, T>(predicted: readonly P[], truth: readonly T[]): Agreement {
  if (predicted.length !== truth.length) throw new RangeError('clusterAgreement: lengths differ');
  const n = predicted.length;
  const joint = new Map<P, Map<T, number>>();
  predicted.forEach((p, i) => {
    const row = joint.get(p) ?? new Map<T, number>();
    const t = truth[i] as T;
    row.set(t, (row.get(t) ?? 0) + 1);
    joint.set(p, row);
  });
  const a = counts(predicted);
  const b = counts(truth);
  let mi = 0;
  let majority = 0;
  for (const [p, row] of joint) {
    let best = 0;
    for (const [t, nij] of row) {
      mi += (nij / n) * Math.log((n * nij) / ((a.get(p) ?? 1) * (b.get(t) ?? 1)));
      best = Math.max(best, nij);
    }
    majority += best;
  }
  const hu = entropy(a.values(), n);
  const hv = entropy(b.values(), n);
  const mean = (hu + hv) / 2;
  const emi = expectedMutualInformation([...a.values()], [...b.values()], n);
  const nmi = mean > 0 ? mi / mean : 1;
  const ami = mean - emi > 1e-12 ? (mi - emi) / (mean - emi) : 1;
  return { mi, nmi, ami, purity: majority / n };
}
