// TF-IDF features for short texts. Terms are non-stopword tokens of 3+ characters (no pure numbers)
// and, optionally, bigrams of adjacent kept tokens ("never arrived" → "never arrived" is kept only
// if neither word is a stopword). Vocabulary: document frequency df ≥ minDf and df ≤ maxDfShare·N,
// then the maxFeatures most frequent. Weight: (1 + ln tf) · (ln(N / df) + 1), each document
// L2-normalised, so a dot product is the cosine similarity.

import { STOPWORDS } from './stopwords.js';
import { tokenize } from './tokenize.js';

export interface TfidfOptions {
  minDf?: number;
  maxDfShare?: number;
  maxFeatures?: number;
  bigrams?: boolean;
}

export interface SparseVector {
  idx: Int32Array;
  val: Float64Array;
}

export interface TfidfMatrix {
  vocabulary: string[];
  idf: Float64Array;
  rows: SparseVector[];
}

/** Terms of one text: kept unigrams and bigrams (with repeats, for tf). */
export function extractTerms(text: string, bigrams = true): string[] {
  const kept: string[] = [];
  for (const t of tokenize(text)) {
    if (t.kind !== 'word') continue;
    const w = t.squeezed ?? t.text;
    if (w.length < 3 || STOPWORDS.has(w) || (w.charCodeAt(0) >= 48 && w.charCodeAt(0) <= 57)) {
      continue;
    }
    kept.push(w);
  }
  if (!bigrams) return kept;
  const out = kept.slice();
  for (let i = 1; i < kept.length; i++) out.push(`${kept[i - 1]} ${kept[i]}`);
  return out;
}

export function buildTfidf(texts: readonly string[], options: TfidfOptions = {}): TfidfMatrix {
  const n = texts.length;
  const minDf = options.minDf ?? Math.min(3, Math.max(1, Math.floor(n / 50)));
  const maxDf = (options.maxDfShare ?? 0.5) * n;
  const maxFeatures = options.maxFeatures ?? 5000;
  const docs = texts.map((t) => extractTerms(t, options.bigrams ?? true));
  const df = new Map<string, number>();
  for (const d of docs) for (const term of new Set(d)) df.set(term, (df.get(term) ?? 0) + 1);
  const vocabulary = [...df]
    .filter(([, c]) => c >= minDf && c <= maxDf)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxFeatures)
    .map(([term]) => term);
  const col = new Map(vocabulary.map((t, i) => [t, i]));
  const idf = new Float64Array(vocabulary.length);
  vocabulary.forEach((t, i) => {
    idf[i] = Math.log(n / (df.get(t) ?? 1)) + 1;
  });
  const rows = docs.map((d) => {
    const tf = new Map<number, number>();
    for (const term of d) {
      const j = col.get(term);
      if (j !== undefined) tf.set(j, (tf.get(j) ?? 0) + 1);
    }
    const idx = new Int32Array(tf.size);
    const val = new Float64Array(tf.size);
    let k = 0;
    let norm = 0;
    for (const [j, c] of [...tf].sort((a, b) => a[0] - b[0])) {
      const v = (1 + Math.log(c)) * (idf[j] ?? 0);
      idx[k] = j;
      val[k] = v;
      norm += v * v;
      k++;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (let q = 0; q < val.length; q++) val[q] = (val[q] ?? 0) / norm;
    return { idx, val };
  });
  return { vocabulary, idf, rows };
}
