// Recurring themes across short texts (posts, ticket subjects and bodies, ideas).
// Features: TF-IDF over unigrams + bigrams (tfidf.ts), rows L2-normalised. Clustering: spherical
// k-means (Dhillon & Modha 2001) — assign each text to the centroid of highest cosine, recompute
// centroids as normalised means — seeded k-means++ initialisation, at most `maxIterations` rounds
// or until no assignment changes. Texts with no vocabulary term get topic −1. Each topic is
// labelled by the terms with the largest centroid weight. Deterministic for a given seed.
// Cost: O(iterations · k · nnz) with nnz ≈ 10 per short text; 100k texts take a few seconds.

import { InputError } from '../lib/errors.js';
import { mulberry32 } from '../lib/random.js';
import { dayNumber, dayString, monthString, toEpochMs, weekStart } from './dates.js';
import { buildTfidf, type SparseVector, type TfidfOptions } from './tfidf.js';

export interface TopicOptions extends TfidfOptions {
  /** Number of clusters (default: ⌈√(N/20)⌉ clipped to 2..20). */
  k?: number;
  seed?: number;
  maxIterations?: number;
  /** Terms per topic label (default 5). */
  topTerms?: number;
}

export interface Topic {
  id: number;
  /** Top terms joined with " / ". */
  label: string;
  terms: { term: string; weight: number }[];
  size: number;
  share: number;
}

export interface TopicModel {
  topics: Topic[];
  /** Topic id per input text (−1: no vocabulary term). */
  assignments: number[];
}

function dot(row: SparseVector, centroid: Float64Array): number {
  let s = 0;
  for (let q = 0; q < row.idx.length; q++)
    s += (row.val[q] ?? 0) * (centroid[row.idx[q] ?? 0] ?? 0);
  return s;
}

function initCentroids(
  rows: SparseVector[],
  k: number,
  dim: number,
  rand: () => number,
): Float64Array[] {
  const centroids: Float64Array[] = [];
  const toCentroid = (r: SparseVector): Float64Array => {
    const c = new Float64Array(dim);
    for (let q = 0; q < r.idx.length; q++) c[r.idx[q] ?? 0] = r.val[q] ?? 0;
    return c;
  };
  centroids.push(toCentroid(rows[Math.floor(rand() * rows.length)] as SparseVector));
  const best = new Float64Array(rows.length).fill(-Infinity);
  while (centroids.length < k) {
    const last = centroids[centroids.length - 1] as Float64Array;
    let total = 0;
    const d2 = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      best[i] = Math.max(best[i] ?? -Infinity, dot(rows[i] as SparseVector, last));
      d2[i] = Math.max(0, 1 - (best[i] ?? 0)); // cosine distance to the nearest centroid
      total += d2[i] ?? 0;
    }
    if (total <= 1e-12) break; // fewer distinct texts than k
    let r = rand() * total;
    let pick = rows.length - 1;
    for (let i = 0; i < rows.length; i++) {
      r -= d2[i] ?? 0;
      if (r <= 0) {
        pick = i;
        break;
      }
    }
    centroids.push(toCentroid(rows[pick] as SparseVector));
  }
  return centroids;
}

function defaultK(n: number): number {
  return Math.min(20, Math.max(2, Math.ceil(Math.sqrt(n / 20))));
}

/** Cluster texts into topics labelled by their top terms. */
export function findTopics(texts: readonly string[], options: TopicOptions = {}): TopicModel {
  const { vocabulary, rows } = buildTfidf(texts, options);
  const dim = vocabulary.length;
  const live: number[] = [];
  rows.forEach((r, i) => {
    if (r.idx.length > 0) live.push(i);
  });
  const assignments = new Array<number>(texts.length).fill(-1);
  if (live.length === 0) return { topics: [], assignments };
  const liveRows = live.map((i) => rows[i] as SparseVector);
  const k = Math.min(options.k ?? defaultK(live.length), liveRows.length);
  if (!Number.isInteger(k) || k < 1) {
    throw new InputError(
      'INPUT_BAD_NUMBER',
      `option "k": ${k} is not a cluster count (expected an integer ≥ 1)`,
      {
        where: { field: 'k' },
      },
    );
  }
  const rand = mulberry32(options.seed ?? 42);
  let centroids = initCentroids(liveRows, k, dim, rand);
  const assign = new Int32Array(liveRows.length).fill(-1);
  const maxIter = options.maxIterations ?? 30;
  for (let iter = 0; iter < maxIter; iter++) {
    let changed = 0;
    for (let i = 0; i < liveRows.length; i++) {
      const r = liveRows[i] as SparseVector;
      let bestC = 0;
      let bestS = -Infinity;
      for (let c = 0; c < centroids.length; c++) {
        const s = dot(r, centroids[c] as Float64Array);
        if (s > bestS) {
          bestS = s;
          bestC = c;
        }
      }
      if (assign[i] !== bestC) {
        assign[i] = bestC;
        changed++;
      }
    }
    const next = centroids.map(() => new Float64Array(dim));
    for (let i = 0; i < liveRows.length; i++) {
      const r = liveRows[i] as SparseVector;
      const c = next[assign[i] ?? 0] as Float64Array;
      for (let q = 0; q < r.idx.length; q++)
        c[r.idx[q] ?? 0] = (c[r.idx[q] ?? 0] ?? 0) + (r.val[q] ?? 0);
    }
    for (const c of next) {
      let norm = 0;
      for (let j = 0; j < dim; j++) norm += (c[j] ?? 0) ** 2;
      norm = Math.sqrt(norm);
      if (norm > 0) for (let j = 0; j < dim; j++) c[j] = (c[j] ?? 0) / norm;
    }
    centroids = next;
    if (changed === 0) break;
  }

  const sizes = new Array<number>(centroids.length).fill(0);
  for (const a of assign) sizes[a] = (sizes[a] ?? 0) + 1;
  // Order topics by size (ties by first member) and drop empty ones.
  const order = sizes
    .map((size, c) => ({ size, c }))
    .filter((x) => x.size > 0)
    .sort((a, b) => b.size - a.size || a.c - b.c);
  const newId = new Map(order.map((x, i) => [x.c, i]));
  const topTerms = options.topTerms ?? 5;
  const topics: Topic[] = order.map(({ size, c }, id) => {
    const centroid = centroids[c] as Float64Array;
    const ranked = [...centroid.keys()]
      .filter((j) => (centroid[j] ?? 0) > 0)
      .sort((a, b) => (centroid[b] ?? 0) - (centroid[a] ?? 0) || a - b)
      .slice(0, topTerms)
      .map((j) => ({ term: vocabulary[j] ?? '', weight: centroid[j] ?? 0 }));
    return {
      id,
      label: ranked.map((t) => t.term).join(' / '),
      terms: ranked,
      size,
      share: size / texts.length,
    };
  });
  live.forEach((docIndex, i) => {
    assignments[docIndex] = newId.get(assign[i] ?? -1) ?? -1;
  });
  return { topics, assignments };
}

export type TrendPeriod = 'day' | 'week' | 'month';

export interface TopicTrend {
  /** Period keys in order: 'YYYY-MM-DD' (day, or Monday of the ISO week) or 'YYYY-MM'. */
  periods: string[];
  series: { topicId: number; label: string; counts: number[] }[];
}

/** Count per period per topic; `docs[i]` is the text behind `model.assignments[i]`. */
export function topicTrend(
  docs: readonly { date: Date | string }[],
  model: TopicModel,
  period: TrendPeriod = 'week',
): TopicTrend {
  if (docs.length !== model.assignments.length) {
    throw new InputError(
      'INPUT_LENGTH_MISMATCH',
      `topicTrend: ${docs.length} documents but ${model.assignments.length} topic assignments (expected the same documents that were clustered)`,
    );
  }
  const keyOf = (day: number): string =>
    period === 'day'
      ? dayString(day)
      : period === 'week'
        ? dayString(weekStart(day))
        : monthString(day);
  const keys = docs.map((d, index) =>
    keyOf(dayNumber(toEpochMs(d.date, { field: 'date', index }))),
  );
  const periods = [...new Set(keys)].sort();
  const col = new Map(periods.map((p, i) => [p, i]));
  const series = model.topics.map((t) => ({
    topicId: t.id,
    label: t.label,
    counts: new Array<number>(periods.length).fill(0),
  }));
  keys.forEach((key, i) => {
    const s = series[model.assignments[i] ?? -1];
    const j = col.get(key);
    if (s !== undefined && j !== undefined) s.counts[j] = (s.counts[j] ?? 0) + 1;
  });
  return { periods, series };
}
