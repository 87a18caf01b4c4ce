// Classification and rank metrics for the sentiment eval.
// macro-F1 = mean over classes of F1_c = 2·TP_c / (2·TP_c + FP_c + FN_c) (a class with no true and
// no predicted items counts F1 = 0 only if it appears in `classes`). Spearman ρ = Pearson
// correlation of average ranks (ties get the mean rank).

export function macroF1<T>(
  truth: readonly T[],
  predicted: readonly T[],
  classes: readonly T[],
): number {
  let total = 0;
  for (const c of classes) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < truth.length; i++) {
      const t = truth[i] === c;
      const p = predicted[i] === c;
      if (t && p) tp++;
      else if (p) fp++;
      else if (t) fn++;
    }
    const denom = 2 * tp + fp + fn;
    total += denom === 0 ? 0 : (2 * tp) / denom;
  }
  return classes.length === 0 ? 0 : total / classes.length;
}

export function accuracy<T>(truth: readonly T[], predicted: readonly T[]): number {
  let ok = 0;
  for (let i = 0; i < truth.length; i++) if (truth[i] === predicted[i]) ok++;
  return truth.length === 0 ? 0 : ok / truth.length;
}

/** Average ranks (1-based), ties sharing the mean of their positions. */
export function averageRanks(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(xs.length).fill(0);
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]?.[0] === order[i]?.[0]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]?.[1] ?? 0] = r;
    i = j + 1;
  }
  return ranks;
}

export function pearson(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  if (n === 0) return 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i] ?? 0;
    my += ys[i] ?? 0;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] ?? 0) - mx;
    const dy = (ys[i] ?? 0) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}

export function spearman(xs: readonly number[], ys: readonly number[]): number {
  return pearson(averageRanks(xs), averageRanks(ys));
}
