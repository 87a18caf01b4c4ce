// Log-rank test that k groups share one survival curve (Mantel–Haenszel form, as R's survdiff
// with rho = 0). At each distinct event time, with N at risk and D events overall and n_g at
// risk in group g: E_g += D n_g / N and
//   V_gh += D (N − D) / (N − 1) · (n_g / N) (δ_gh − n_h / N).
// Statistic (O − E)ᵀ V⁻¹ (O − E) over the first k − 1 groups ~ χ²(k − 1) under H0.

import { InputError } from '../../lib/errors.js';
import { chiSquareSf } from '../distributions.js';
import { solveSpd } from '../linear-algebra.js';
import { type SurvivalData, validateSurvivalData } from './kaplan-meier.js';

export interface LogRankResult {
  groups: string[];
  observed: number[];
  expected: number[];
  chiSquare: number;
  degreesOfFreedom: number;
  pValue: number;
}

export function logRankTest(data: SurvivalData & { group: ArrayLike<string> }): LogRankResult {
  validateSurvivalData(data);
  const n = data.time.length;
  if (data.group.length !== n) {
    throw new InputError(
      'INPUT_LENGTH_MISMATCH',
      `log-rank: ${n} times for ${data.group.length} groups`,
    );
  }
  const groups = [...new Set(Array.from({ length: n }, (_, i) => data.group[i]!))].sort();
  const k = groups.length;
  if (k < 2)
    throw new InputError('INPUT_TOO_FEW_GROUPS', `log-rank: ${k} group (expected at least 2)`);
  const gi = new Map(groups.map((g, i) => [g, i]));
  const g = Uint32Array.from({ length: n }, (_, i) => gi.get(data.group[i]!)!);
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => data.time[a]! - data.time[b]!,
  );
  const atRisk = new Float64Array(k);
  for (let i = 0; i < n; i++) atRisk[g[i]!] = atRisk[g[i]!]! + 1;
  const observed = new Float64Array(k);
  const expected = new Float64Array(k);
  const V = new Float64Array(k * k);
  const d = new Float64Array(k);
  const leaving = new Float64Array(k);
  let total = n;
  let pos = 0;
  while (pos < n) {
    const t = data.time[order[pos]!]!;
    d.fill(0);
    leaving.fill(0);
    while (pos < n && data.time[order[pos]!] === t) {
      const i = order[pos]!;
      if (data.event[i] === 1) d[g[i]!] = d[g[i]!]! + 1;
      leaving[g[i]!] = leaving[g[i]!]! + 1;
      pos++;
    }
    let D = 0;
    for (let a = 0; a < k; a++) D += d[a]!;
    if (D > 0) {
      const factor = total > 1 ? (D * (total - D)) / (total - 1) : 0;
      for (let a = 0; a < k; a++) {
        const pa = atRisk[a]! / total;
        observed[a] = observed[a]! + d[a]!;
        expected[a] = expected[a]! + D * pa;
        for (let b = 0; b < k; b++) {
          const pb = atRisk[b]! / total;
          V[a * k + b] = V[a * k + b]! + factor * pa * ((a === b ? 1 : 0) - pb);
        }
      }
    }
    for (let a = 0; a < k; a++) {
      atRisk[a] = atRisk[a]! - leaving[a]!;
      total -= leaving[a]!;
    }
  }
  const m = k - 1;
  const sub = new Float64Array(m * m);
  const diff = new Float64Array(m);
  for (let a = 0; a < m; a++) {
    diff[a] = observed[a]! - expected[a]!;
    for (let b = 0; b < m; b++) sub[a * m + b] = V[a * k + b]!;
  }
  const x = solveSpd(sub, diff, m);
  let chiSquare = 0;
  for (let a = 0; a < m; a++) chiSquare += diff[a]! * x[a]!;
  return {
    groups,
    observed: [...observed],
    expected: [...expected],
    chiSquare,
    degreesOfFreedom: m,
    pValue: chiSquareSf(chiSquare, m),
  };
}
