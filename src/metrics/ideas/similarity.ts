// Text similarity for near-duplicate detection: normalise (lower case, light suffix stemming so
// "wrap", "wrapped" and "wrapping" meet), TF-IDF over unigrams and bigrams (src/text buildTfidf,
// every term kept: minDf 1), cosine of the L2-normalised rows. Foreign texts (posts, tickets) are
// projected onto the vocabulary and IDF of the reference texts (the ideas), so their similarity to
// an idea is measured on the idea's terms.
import { buildTfidf, extractTerms, type SparseVector, tokenizeWords } from '../../text/index.js';

/**
 * Light stemmer for words of 5+ letters: -ing / -ed, then plural -ies → -y, -es after s/x/z/ch/sh,
 * else -s (not -ss); finally a doubled last consonant is undone ("wrapp" → "wrap").
 */
export function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.length < 5) return w;
  if (w.endsWith('ing') && w.length >= 6) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length >= 5) w = w.slice(0, -2);
  else if (w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (/(s|x|z|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  const n = w.length;
  if (n >= 4 && w[n - 1] === w[n - 2] && !'aeiouls'.includes(w[n - 1] ?? '')) w = w.slice(0, -1);
  return w;
}

/** The text as a space-separated string of stemmed words (input to TF-IDF). */
export function normaliseText(text: string): string {
  return tokenizeWords(text).map(stem).join(' ');
}

export interface SimilaritySpace {
  rows: SparseVector[];
  /** Vectors of other texts in the same space (same vocabulary and IDF). */
  project: (texts: readonly string[]) => SparseVector[];
}

/** TF-IDF space of the reference texts. */
export function similaritySpace(texts: readonly string[]): SimilaritySpace {
  const normalised = texts.map(normaliseText);
  const { vocabulary, idf, rows } = buildTfidf(normalised, { minDf: 1, maxDfShare: 0.5 });
  const col = new Map(vocabulary.map((t, i) => [t, i]));
  const project = (others: readonly string[]) =>
    others.map((text) => {
      const tf = new Map<number, number>();
      for (const term of extractTerms(normaliseText(text))) {
        const j = col.get(term);
        if (j !== undefined) tf.set(j, (tf.get(j) ?? 0) + 1);
      }
      const entries = [...tf].sort((a, b) => a[0] - b[0]);
      const idx = Int32Array.from(entries.map(([j]) => j));
      const val = Float64Array.from(entries.map(([j, c]) => (1 + Math.log(c)) * (idf[j] ?? 0)));
      const norm = Math.sqrt(val.reduce((s, v) => s + v * v, 0));
      if (norm > 0) for (let q = 0; q < val.length; q++) val[q] = (val[q] ?? 0) / norm;
      return { idx, val };
    });
  return { rows, project };
}

/** Cosine of two L2-normalised sparse vectors (sorted indexes). */
export function cosine(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < a.idx.length && j < b.idx.length) {
    const x = a.idx[i] ?? 0;
    const y = b.idx[j] ?? 0;
    if (x === y) {
      s += (a.val[i] ?? 0) * (b.val[j] ?? 0);
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return s;
}
