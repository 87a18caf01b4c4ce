// Learned aspect-term expansion. Seed terms mark which sentences talk about an aspect; a candidate
// word w (not a stopword, not already a term, at least 3 letters) joins aspect a when it co-occurs
// with a's seeds in sentences more than chance predicts:
//   PMI(w, a) = log2( n(w,a) · N / (n(w) · n(a)) ),   NPMI = PMI / −log2( n(w,a) / N )
// with N sentences, n(a) sentences mentioning a, n(w) sentences containing w, n(w,a) both. w goes to
// the aspect with the highest PMI when n(w,a) ≥ minCount, PMI ≥ minPmi and at least minShare of w's
// sentences mention a; its weight is maxWeight · NPMI (clipped to [0.1, maxWeight]).
// Assumptions: sentences are the co-occurrence window; seeds are reasonably precise.

import { type AspectTaxonomy, AspectTerm } from './aspect-taxonomy.js';
import { compileTaxonomy, matchAspects, splitSentences } from './aspects.js';
import { STOPWORDS } from './stopwords.js';
import { tokenize } from './tokenize.js';

export interface ExpandOptions {
  /** Minimum sentences where w and the aspect co-occur (default 5). */
  minCount?: number;
  /** Minimum PMI in bits (default 1, i.e. twice as often as chance). */
  minPmi?: number;
  /** Minimum share of w's sentences that mention the aspect (default 0.3). */
  minShare?: number;
  /** Most learned terms per aspect (default 20). */
  maxTermsPerAspect?: number;
  /** Weight cap for learned terms (default 0.5). */
  maxWeight?: number;
}

export interface LearnedTerm {
  aspect: string;
  term: string;
  pmi: number;
  npmi: number;
  count: number;
  weight: number;
}

/** Learn extra terms per aspect from co-occurrence with the seeds. */
export function learnAspectTerms(
  texts: readonly string[],
  taxonomy: AspectTaxonomy,
  options: ExpandOptions = {},
): LearnedTerm[] {
  const minCount = options.minCount ?? 5;
  const minPmi = options.minPmi ?? 1;
  const minShare = options.minShare ?? 0.3;
  const maxTerms = options.maxTermsPerAspect ?? 20;
  const maxWeight = options.maxWeight ?? 0.5;
  const index = compileTaxonomy(taxonomy);
  const known = new Set<string>();
  for (const terms of Object.values(taxonomy)) {
    for (const t of terms) known.add(t.term.toLowerCase());
  }

  let n = 0;
  const nAspect = new Map<string, number>();
  const nWord = new Map<string, number>();
  const nBoth = new Map<string, Map<string, number>>();
  for (const text of texts) {
    for (const sentence of splitSentences(tokenize(text))) {
      n++;
      const aspects = [...matchAspects(sentence, index).keys()];
      for (const a of aspects) nAspect.set(a, (nAspect.get(a) ?? 0) + 1);
      const words = new Set<string>();
      for (const t of sentence) {
        if (t.kind !== 'word' || t.text.length < 3 || STOPWORDS.has(t.text)) continue;
        if (known.has(t.text) || /^[0-9]+$/.test(t.text)) continue;
        words.add(t.text);
      }
      for (const w of words) {
        nWord.set(w, (nWord.get(w) ?? 0) + 1);
        if (aspects.length === 0) continue;
        const m = nBoth.get(w) ?? new Map<string, number>();
        for (const a of aspects) m.set(a, (m.get(a) ?? 0) + 1);
        nBoth.set(w, m);
      }
    }
  }

  const perAspect = new Map<string, LearnedTerm[]>();
  for (const [w, m] of nBoth) {
    const nw = nWord.get(w) ?? 0;
    let best: LearnedTerm | undefined;
    for (const [a, count] of m) {
      const na = nAspect.get(a) ?? 0;
      if (count < minCount || count / nw < minShare) continue;
      const pmi = Math.log2((count * n) / (nw * na));
      if (pmi < minPmi) continue;
      const h = -Math.log2(count / n);
      const npmi = h === 0 ? 1 : pmi / h;
      if (best === undefined || pmi > best.pmi) {
        const weight = Math.min(maxWeight, Math.max(0.1, maxWeight * npmi));
        best = { aspect: a, term: w, pmi, npmi, count, weight };
      }
    }
    if (best === undefined) continue;
    const list = perAspect.get(best.aspect) ?? [];
    list.push(best);
    perAspect.set(best.aspect, list);
  }
  const out: LearnedTerm[] = [];
  for (const list of perAspect.values()) {
    list.sort((x, y) => y.npmi - x.npmi || y.count - x.count || (x.term < y.term ? -1 : 1));
    out.push(...list.slice(0, maxTerms));
  }
  return out;
}

/** A copy of the taxonomy with learned terms added (weight < 1, source 'learned'). */
export function expandAspectTerms(
  texts: readonly string[],
  taxonomy: AspectTaxonomy,
  options: ExpandOptions = {},
): AspectTaxonomy {
  const out: AspectTaxonomy = {};
  for (const [aspect, terms] of Object.entries(taxonomy)) out[aspect] = [...terms];
  for (const l of learnAspectTerms(texts, taxonomy, options)) {
    out[l.aspect]?.push(AspectTerm.parse({ term: l.term, weight: l.weight, source: 'learned' }));
  }
  return out;
}
