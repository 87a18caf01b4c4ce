// Recurring issues as topic clusters of ticket texts (subject + body). Features and clustering are
// src/text's: TF-IDF (unigrams + bigrams, L2-normalised rows) and spherical k-means. Two additions
// make the clusters stable enough to track over time:
// 1. restarts: k-means runs from `seeds` different k-means++ starts and the run with the best
//    objective Σ_c ‖Σ_{i∈c} x_i‖ (= Σ_i cos(x_i, centroid of its cluster)) is kept;
// 2. merging: k-means over-segments a large theme rather than leave a cluster empty, so clusters
//    whose centroids have cosine ≥ `mergeCosine` (default 0.7) are merged (union-find over the
//    pairs). A lower threshold chains long texts into one giant cluster (eval/support caught 0.5).
// k defaults to ⌈√(N/5)⌉ clipped to 4..60 — finer than a voice-of-customer topic model, because a
// support issue is narrower than a theme and merging undoes needless splits.
import { buildTfidf, findTopics, type SparseVector } from '../../text/index.js';

export interface ClusterTextsOptions {
  k?: number;
  seeds?: number;
  mergeCosine?: number;
  topTerms?: number;
}

export interface TextCluster {
  label: string;
  terms: string[];
  /** Indexes of the member texts, the most central first. */
  members: number[];
}

export interface TextClusters {
  clusters: TextCluster[];
  /** Cluster index per text (−1: no vocabulary term). */
  assignments: number[];
  k: number;
}

export function defaultIssueK(n: number): number {
  return Math.min(60, Math.max(4, Math.ceil(Math.sqrt(n / 5))));
}

function centroids(
  rows: SparseVector[],
  assign: readonly number[],
  k: number,
  dim: number,
): Float64Array[] {
  const cs = Array.from({ length: k }, () => new Float64Array(dim));
  assign.forEach((a, i) => {
    const c = cs[a];
    const r = rows[i];
    if (!c || !r) return;
    for (let q = 0; q < r.idx.length; q++) {
      const j = r.idx[q] ?? 0;
      c[j] = (c[j] ?? 0) + (r.val[q] ?? 0);
    }
  });
  return cs;
}

function norm(v: Float64Array): number {
  let s = 0;
  for (const x of v) s += x * x;
  return Math.sqrt(s);
}

function cosine(a: Float64Array, b: Float64Array): number {
  const na = norm(a);
  const nb = norm(b);
  if (na === 0 || nb === 0) return 0;
  let s = 0;
  for (let j = 0; j < a.length; j++) s += (a[j] ?? 0) * (b[j] ?? 0);
  return s / (na * nb);
}

function find(parent: number[], i: number): number {
  let r = i;
  while (parent[r] !== r) r = parent[r] ?? r;
  while (parent[i] !== r) {
    const next = parent[i] ?? r;
    parent[i] = r;
    i = next;
  }
  return r;
}

/** Clusters short texts into issues (see the file comment). Deterministic. */
export function clusterTexts(
  texts: readonly string[],
  options: ClusterTextsOptions = {},
): TextClusters {
  const { vocabulary, rows } = buildTfidf(texts);
  const live = rows.filter((r) => r.idx.length > 0).length;
  const k = Math.max(1, Math.min(options.k ?? defaultIssueK(live), live));
  const assignments = new Array<number>(texts.length).fill(-1);
  if (live === 0) return { clusters: [], assignments, k: 0 };
  let best: { assign: number[]; objective: number } | undefined;
  for (let s = 0; s < (options.seeds ?? 3); s++) {
    const model = findTopics(texts, { k, seed: 42 + s * 7919 });
    const kk = model.topics.length;
    const objective = centroids(rows, model.assignments, kk, vocabulary.length).reduce(
      (sum, c) => sum + norm(c),
      0,
    );
    if (!best || objective > best.objective + 1e-9) best = { assign: model.assignments, objective };
  }
  const assign = best?.assign ?? assignments;
  const kk = Math.max(0, ...assign) + 1;
  const cs = centroids(rows, assign, kk, vocabulary.length);
  const parent = cs.map((_, i) => i);
  const threshold = options.mergeCosine ?? 0.7;
  for (let a = 0; a < kk; a++) {
    for (let b = a + 1; b < kk; b++) {
      if (cosine(cs[a] as Float64Array, cs[b] as Float64Array) >= threshold) {
        parent[find(parent, b)] = find(parent, a);
      }
    }
  }
  const groups = new Map<number, number[]>();
  assign.forEach((a, i) => {
    if (a < 0) return;
    const root = find(parent, a);
    const g = groups.get(root) ?? [];
    g.push(i);
    groups.set(root, g);
  });
  const merged = [...groups.values()].sort(
    (x, y) => y.length - x.length || (x[0] ?? 0) - (y[0] ?? 0),
  );
  const topTerms = options.topTerms ?? 5;
  const clusters = merged.map((members, ci) => {
    const centroid = centroidOf(rows, members, vocabulary.length);
    for (const i of members) assignments[i] = ci;
    const terms = [...centroid.keys()]
      .filter((j) => (centroid[j] ?? 0) > 0)
      .sort((a, b) => (centroid[b] ?? 0) - (centroid[a] ?? 0) || a - b)
      .slice(0, topTerms)
      .map((j) => vocabulary[j] ?? '');
    const central = members
      .map((i) => ({ i, s: dotDense(rows[i] as SparseVector, centroid) }))
      .sort((a, b) => b.s - a.s || a.i - b.i)
      .map((x) => x.i);
    return { label: terms.join(' / '), terms, members: central };
  });
  return { clusters, assignments, k };
}

function centroidOf(rows: SparseVector[], members: readonly number[], dim: number): Float64Array {
  const c = new Float64Array(dim);
  for (const i of members) {
    const r = rows[i] as SparseVector;
    for (let q = 0; q < r.idx.length; q++) {
      const j = r.idx[q] ?? 0;
      c[j] = (c[j] ?? 0) + (r.val[q] ?? 0);
    }
  }
  return c;
}

function dotDense(r: SparseVector, c: Float64Array): number {
  let s = 0;
  for (let q = 0; q < r.idx.length; q++) s += (r.val[q] ?? 0) * (c[r.idx[q] ?? 0] ?? 0);
  return s;
}
