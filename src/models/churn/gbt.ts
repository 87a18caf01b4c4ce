// Gradient-boosted trees for binary churn (logistic loss), histogram based as LightGBM /
// XGBoost "hist": each column is cut into at most `maxBins` quantile bins on the training
// rows; trees grow level-wise to `depth`, choosing the split with the largest gain
//   G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)
// (g = p − y, h = p(1 − p)), and each node stores the Newton value −G/(H+λ)·η. The margin is
// logit(ȳ) + Σ trees. Per-row contributions use Saabas' path method: each split adds
// value(child) − value(parent) to its feature, so contributions sum to margin − logit(ȳ) − Σ roots.

import { InputError } from '../../lib/errors.js';
import type { DesignMatrix } from './encoder.js';

export interface GbtOptions {
  trees?: number;
  depth?: number;
  learningRate?: number;
  /** L2 penalty λ on leaf values. */
  lambda?: number;
  /** Minimum hessian sum in a child. */
  minChildWeight?: number;
  maxBins?: number;
}

export interface GbtTree {
  /** Split column per node (complete binary tree, children 2i+1 / 2i+2); −1 marks a leaf. */
  feature: Int32Array;
  /** Go left when x <= threshold. */
  threshold: Float64Array;
  /** Newton value of every node, learning rate applied. */
  value: Float64Array;
}

export interface GbtModel {
  kind: 'gbt';
  baseMargin: number;
  trees: GbtTree[];
  columns: string[];
}

function binEdges(values: Float64Array, maxBins: number): Float64Array {
  const sorted = Float64Array.from(values).sort();
  const distinct: number[] = [];
  for (let i = 0; i < sorted.length; i++)
    if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]!);
  if (distinct.length <= maxBins) return Float64Array.from(distinct.slice(0, -1));
  const edges: number[] = [];
  const max = distinct[distinct.length - 1]!;
  for (let k = 1; k < maxBins; k++) {
    const v = sorted[Math.floor((k * sorted.length) / maxBins)]!;
    if (v < max && (edges.length === 0 || v > edges[edges.length - 1]!)) edges.push(v);
  }
  return Float64Array.from(edges);
}

function lowerBound(edges: Float64Array, x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function fitGbt(X: DesignMatrix, y: ArrayLike<number>, options: GbtOptions = {}): GbtModel {
  const nTrees = options.trees ?? 200;
  const depth = options.depth ?? 3;
  const eta = options.learningRate ?? 0.05;
  const lambda = options.lambda ?? 1;
  const minChild = options.minChildWeight ?? 1;
  const maxBins = Math.min(options.maxBins ?? 32, 256);
  const n = X.rows;
  const p = X.columns.length;
  if (y.length !== n)
    throw new InputError('INPUT_LENGTH_MISMATCH', `gbt: ${n} rows but ${y.length} labels`);
  if (!(depth >= 1 && depth <= 8))
    throw new InputError('INPUT_BAD_OPTION', `gbt: depth ${depth} (expected 1–8)`);
  // bin every column once
  const edges: Float64Array[] = [];
  const bins = new Uint8Array(n * p); // column-major
  const col = new Float64Array(n);
  for (let j = 0; j < p; j++) {
    for (let i = 0; i < n; i++) col[i] = X.data[i * p + j]!;
    const e = binEdges(col, maxBins);
    edges.push(e);
    for (let i = 0; i < n; i++) bins[j * n + i] = lowerBound(e, col[i]!);
  }
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i]! / n;
  mean = Math.min(Math.max(mean, 1e-6), 1 - 1e-6);
  const baseMargin = Math.log(mean / (1 - mean));
  const margin = new Float64Array(n).fill(baseMargin);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const nodeOf = new Int32Array(n);
  const nodes = 2 ** (depth + 1) - 1;
  const trees: GbtTree[] = [];
  for (let t = 0; t < nTrees; t++) {
    for (let i = 0; i < n; i++) {
      const pr = 1 / (1 + Math.exp(-margin[i]!));
      g[i] = pr - y[i]!;
      h[i] = Math.max(pr * (1 - pr), 1e-12);
    }
    const tree: GbtTree = {
      feature: new Int32Array(nodes).fill(-1),
      threshold: new Float64Array(nodes),
      value: new Float64Array(nodes),
    };
    const isOpen = new Uint8Array(nodes);
    isOpen[0] = 1;
    nodeOf.fill(0);
    for (let d = 0; d <= depth; d++) {
      const first = 2 ** d - 1;
      const width = 2 ** d;
      const G = new Float64Array(width);
      const H = new Float64Array(width);
      for (let i = 0; i < n; i++) {
        const slot = nodeOf[i]! - first;
        if (slot < 0 || slot >= width) continue;
        G[slot] = G[slot]! + g[i]!;
        H[slot] = H[slot]! + h[i]!;
      }
      for (let s = 0; s < width; s++) tree.value[first + s] = (-G[s]! / (H[s]! + lambda)) * eta;
      if (d === depth) break;
      const histG = new Float64Array(width * p * maxBins);
      const histH = new Float64Array(width * p * maxBins);
      for (let j = 0; j < p; j++) {
        const bj = j * n;
        for (let i = 0; i < n; i++) {
          const slot = nodeOf[i]! - first;
          if (slot < 0 || slot >= width || !isOpen[first + slot]) continue;
          const at = (slot * p + j) * maxBins + bins[bj + i]!;
          histG[at] = histG[at]! + g[i]!;
          histH[at] = histH[at]! + h[i]!;
        }
      }
      for (let s = 0; s < width; s++) {
        const node = first + s;
        if (!isOpen[node]) continue;
        const parentScore = G[s]! ** 2 / (H[s]! + lambda);
        let bestGain = 1e-9;
        let bestJ = -1;
        let bestBin = -1;
        for (let j = 0; j < p; j++) {
          let gl = 0;
          let hl = 0;
          const nb = edges[j]!.length;
          for (let b = 0; b < nb; b++) {
            const at = (s * p + j) * maxBins + b;
            gl += histG[at]!;
            hl += histH[at]!;
            const hr = H[s]! - hl;
            if (hl < minChild || hr < minChild) continue;
            const gr = G[s]! - gl;
            const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parentScore;
            if (gain > bestGain) {
              bestGain = gain;
              bestJ = j;
              bestBin = b;
            }
          }
        }
        if (bestJ >= 0) {
          tree.feature[node] = bestJ;
          tree.threshold[node] = edges[bestJ]![bestBin]!;
          isOpen[2 * node + 1] = 1;
          isOpen[2 * node + 2] = 1;
          // route training rows by bin: bin <= bestBin ⇔ x <= threshold
          for (let i = 0; i < n; i++) {
            if (nodeOf[i] !== node) continue;
            nodeOf[i] = bins[bestJ * n + i]! <= bestBin ? 2 * node + 1 : 2 * node + 2;
          }
        }
      }
    }
    for (let i = 0; i < n; i++) margin[i] = margin[i]! + tree.value[nodeOf[i]!]!;
    trees.push(tree);
  }
  return { kind: 'gbt', baseMargin, trees, columns: [...X.columns] };
}

/** Churn probability per row (trees flattened into typed arrays; depth-unrolled descent). */
export function predictGbt(model: GbtModel, X: DesignMatrix): Float64Array {
  const p = model.columns.length;
  const nTrees = model.trees.length;
  const stride = nTrees > 0 ? model.trees[0]!.feature.length : 1;
  const feature = new Int32Array(nTrees * stride);
  const threshold = new Float64Array(nTrees * stride);
  const value = new Float64Array(nTrees * stride);
  model.trees.forEach((tree, t) => {
    feature.set(tree.feature, t * stride);
    threshold.set(tree.threshold, t * stride);
    value.set(tree.value, t * stride);
  });
  const out = new Float64Array(X.rows);
  const d = X.data;
  // tree-major: one tree's arrays stay in cache while every row descends it
  const margin = out.fill(model.baseMargin);
  for (let off = 0; off < feature.length; off += stride) {
    const f0 = feature[off]!;
    if (f0 < 0) {
      const v = value[off]!;
      for (let i = 0; i < X.rows; i++) margin[i] = margin[i]! + v;
      continue;
    }
    for (let i = 0, base = 0; i < X.rows; i++, base += p) {
      let node = 0;
      let f = f0;
      while (f >= 0) {
        node = 2 * node + 2 - ((d[base + f]! <= threshold[off + node]!) as unknown as number); // branch-free
        f = feature[off + node]!;
      }
      margin[i] = margin[i]! + value[off + node]!;
    }
  }
  for (let i = 0; i < X.rows; i++) out[i] = 1 / (1 + Math.exp(-margin[i]!));
  return out;
}

/** Saabas path contributions of one row to the margin (length p). */
export function gbtContributions(model: GbtModel, X: DesignMatrix, row: number): Float64Array {
  const p = model.columns.length;
  const out = new Float64Array(p);
  const base = row * p;
  for (const tree of model.trees) {
    let node = 0;
    let f = tree.feature[0]!;
    while (f >= 0) {
      const child = X.data[base + f]! <= tree.threshold[node]! ? 2 * node + 1 : 2 * node + 2;
      out[f] = out[f]! + tree.value[child]! - tree.value[node]!;
      node = child;
      f = tree.feature[node]!;
    }
  }
  return out;
}
