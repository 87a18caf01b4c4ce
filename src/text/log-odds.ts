// Weighted log-odds with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin'
// Words", eq. 16–22). For term w with counts y_i (focus corpus, n_i tokens) and y_j (reference,
// n_j tokens), and prior α_w = α0 · (y_i + y_j) / (n_i + n_j) (pooled frequencies, total α0):
//   δ_w = ln((y_i + α_w) / (n_i + α0 − y_i − α_w)) − ln((y_j + α_w) / (n_j + α0 − y_j − α_w))
//   σ²(δ_w) ≈ 1/(y_i + α_w) + 1/(y_j + α_w),   z_w = δ_w / σ(δ_w)
// z > 1.96 ≈ over-represented in the focus corpus at 5 %. The prior shrinks rare terms towards 0.

export interface LogOddsTerm {
  term: string;
  focusCount: number;
  referenceCount: number;
  logOdds: number;
  z: number;
}

export function weightedLogOdds(
  focus: ReadonlyMap<string, number>,
  reference: ReadonlyMap<string, number>,
  alpha0 = 1000,
): LogOddsTerm[] {
  let ni = 0;
  let nj = 0;
  for (const c of focus.values()) ni += c;
  for (const c of reference.values()) nj += c;
  const total = ni + nj;
  if (total === 0) return [];
  const terms = new Set([...focus.keys(), ...reference.keys()]);
  const out: LogOddsTerm[] = [];
  for (const term of terms) {
    const yi = focus.get(term) ?? 0;
    const yj = reference.get(term) ?? 0;
    const a = (alpha0 * (yi + yj)) / total;
    const delta =
      Math.log((yi + a) / (ni + alpha0 - yi - a)) - Math.log((yj + a) / (nj + alpha0 - yj - a));
    const variance = 1 / (yi + a) + 1 / (yj + a);
    out.push({
      term,
      focusCount: yi,
      referenceCount: yj,
      logOdds: delta,
      z: delta / Math.sqrt(variance),
    });
  }
  out.sort((x, y) => y.z - x.z || (x.term < y.term ? -1 : 1));
  return out;
}

export interface ShareContrast {
  focusShare: number;
  referenceShare: number;
  logOdds: number;
  z: number;
}

/**
 * Two proportions (k_i of n_i focus documents vs k_j of n_j reference documents) compared by
 * log-odds with a Beta prior centred on the pooled share p0 with strength α (default 2):
 * p = (k + α·p0) / (n + α), δ = logit(p_i) − logit(p_j),
 * σ² ≈ Σ 1/(k + α·p0) + 1/(n − k + α·(1 − p0)) over both groups.
 */
export function shareLogOdds(
  ki: number,
  ni: number,
  kj: number,
  nj: number,
  alpha = 2,
): ShareContrast {
  const p0 = ni + nj === 0 ? 0.5 : Math.min(0.99, Math.max(0.01, (ki + kj) / (ni + nj)));
  const a1 = alpha * p0;
  const a0 = alpha * (1 - p0);
  const logit = (k: number, n: number): number => Math.log((k + a1) / (n - k + a0));
  const delta = logit(ki, ni) - logit(kj, nj);
  const variance = 1 / (ki + a1) + 1 / (ni - ki + a0) + 1 / (kj + a1) + 1 / (nj - kj + a0);
  return {
    focusShare: ni === 0 ? 0 : ki / ni,
    referenceShare: nj === 0 ? 0 : kj / nj,
    logOdds: delta,
    z: delta / Math.sqrt(variance),
  };
}
