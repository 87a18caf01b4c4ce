// Pairwise precision, recall and F1 of a clustering against true groups, counted without listing
// pairs: with n_c records in predicted cluster c, n_t in true group t, and n_ct in both,
//   TP = Σ C(n_ct, 2),  predicted = Σ C(n_c, 2),  true = Σ C(n_t, 2)
//   precision = TP / predicted, recall = TP / true, F1 = 2PR / (P + R)
// Empty denominators give 1 (nothing predicted → no false link; nothing to find → none missed).

export interface PairwiseMetrics {
  precision: number;
  recall: number;
  f1: number;
  truePairs: number;
  predictedPairs: number;
  truePositives: number;
}

const pairs = (n: number) => (n * (n - 1)) / 2;

/** predicted[i] and truth[i] are the cluster and true-group labels of record i. */
export function pairwiseMetrics(
  predicted: readonly string[],
  truth: readonly string[],
): PairwiseMetrics {
  const byPred = new Map<string, number>();
  const byTrue = new Map<string, number>();
  const byBoth = new Map<string, number>();
  predicted.forEach((p, i) => {
    const t = truth[i] as string;
    byPred.set(p, (byPred.get(p) ?? 0) + 1);
    byTrue.set(t, (byTrue.get(t) ?? 0) + 1);
    const k = `${p}\u0000${t}`;
    byBoth.set(k, (byBoth.get(k) ?? 0) + 1);
  });
  let tp = 0;
  let pp = 0;
  let tt = 0;
  for (const n of byBoth.values()) tp += pairs(n);
  for (const n of byPred.values()) pp += pairs(n);
  for (const n of byTrue.values()) tt += pairs(n);
  const precision = pp === 0 ? 1 : tp / pp;
  const recall = tt === 0 ? 1 : tp / tt;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePairs: tt, predictedPairs: pp, truePositives: tp };
}
