// Classifier quality on held-out rows: ROC AUC (Mann–Whitney with mid-ranks for tied scores),
// PR AUC as average precision (Σ (R_k − R_{k−1}) P_k over distinct thresholds, as scikit-learn),
// Brier score (mean squared error of the probability) and log loss.

import { InputError } from '../../lib/errors.js';

function check(scores: ArrayLike<number>, labels: ArrayLike<number>): void {
  if (scores.length !== labels.length) {
    throw new InputError(
      'INPUT_LENGTH_MISMATCH',
      `metrics: ${scores.length} scores for ${labels.length} labels`,
    );
  }
}

function sortedDescending(scores: ArrayLike<number>): Uint32Array {
  const idx = Uint32Array.from({ length: scores.length }, (_, i) => i);
  return idx.sort((a, b) => scores[b]! - scores[a]!);
}

/** Area under the ROC curve; NaN when only one class is present. */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  check(scores, labels);
  const order = sortedDescending(scores);
  const n = order.length;
  let pos = 0;
  let rankSumPos = 0;
  // ranks ascending: rank of position k (descending order) is n − k
  let k = 0;
  while (k < n) {
    let j = k;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[k]!]) j++;
    const midRank = n - (k + j) / 2;
    for (let m = k; m <= j; m++) {
      if (labels[order[m]!] === 1) {
        pos++;
        rankSumPos += midRank;
      }
    }
    k = j + 1;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return Number.NaN;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Average precision (area under the precision–recall curve, step-wise). */
export function prAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  check(scores, labels);
  const order = sortedDescending(scores);
  let totalPos = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) totalPos++;
  if (totalPos === 0) return Number.NaN;
  let tp = 0;
  let seen = 0;
  let ap = 0;
  let prevRecall = 0;
  let k = 0;
  while (k < order.length) {
    let j = k;
    while (j + 1 < order.length && scores[order[j + 1]!] === scores[order[k]!]) j++;
    for (let m = k; m <= j; m++) if (labels[order[m]!] === 1) tp++;
    seen = j + 1;
    const recall = tp / totalPos;
    ap += (recall - prevRecall) * (tp / seen);
    prevRecall = recall;
    k = j + 1;
  }
  return ap;
}

/** Mean squared difference between predicted probability and the 0/1 outcome. */
export function brierScore(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  check(probabilities, labels);
  let s = 0;
  for (let i = 0; i < labels.length; i++) s += (probabilities[i]! - labels[i]!) ** 2;
  return s / labels.length;
}

/** Mean negative log-likelihood, probabilities clipped to [1e-15, 1 − 1e-15]. */
export function logLoss(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  check(probabilities, labels);
  let s = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(Math.max(probabilities[i]!, 1e-15), 1 - 1e-15);
    s -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return s / labels.length;
}
