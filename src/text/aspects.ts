// Aspect detection: which parts of the customer experience a text talks about (product, price,
// delivery, service, website/app, checkout/payment, advertising/promotion) and how it feels about
// each. A text is split into sentences; a sentence mentions an aspect when it contains one of its
// terms (single words or phrases; a trailing plural "s" is ignored). The aspect's sentiment is the
// term-weighted mean of the normalised sentence scores (see sentiment.ts) of the sentences that
// mention it: score_a = Σ_s w_s · score(s) / Σ_s w_s, with w_s the largest weight of a term of `a`
// found in sentence s. Assumption: the sentence is the scope of an opinion.

import { type AspectTaxonomy, DEFAULT_TAXONOMY } from './aspect-taxonomy.js';
import { labelFor, normaliseScore, type SentimentLabel, scoreTokens } from './sentiment.js';
import { type Token, tokenize } from './tokenize.js';

export interface AspectMention {
  aspect: string;
  /** Term-weighted mean sentence sentiment, −1..1. */
  score: number;
  label: SentimentLabel;
  /** Largest weight among matched terms (1 = a seed term matched). */
  weight: number;
  /** Distinct terms matched, in order of first appearance. */
  terms: string[];
  /** Number of sentences mentioning the aspect. */
  sentences: number;
}

interface CompiledTerm {
  rest: string[];
  aspect: string;
  weight: number;
  term: string;
}

type CompiledTaxonomy = Map<string, CompiledTerm[]>;

const compiledCache = new WeakMap<AspectTaxonomy, CompiledTaxonomy>();

function normaliseTerm(term: string): string[] {
  return tokenize(term)
    .filter((t) => t.kind === 'word')
    .map((t) => t.text);
}

/** Index a taxonomy by first token (cached per taxonomy object). */
export function compileTaxonomy(taxonomy: AspectTaxonomy): CompiledTaxonomy {
  const cached = compiledCache.get(taxonomy);
  if (cached) return cached;
  const index: CompiledTaxonomy = new Map();
  for (const [aspect, terms] of Object.entries(taxonomy)) {
    for (const t of terms) {
      const [first, ...rest] = normaliseTerm(t.term);
      if (first === undefined) continue;
      const list = index.get(first) ?? [];
      list.push({ rest, aspect, weight: t.weight, term: t.term });
      index.set(first, list);
    }
  }
  for (const list of index.values()) list.sort((a, b) => b.rest.length - a.rest.length);
  compiledCache.set(taxonomy, index);
  return index;
}

function lookup(index: CompiledTaxonomy, word: string): CompiledTerm[] | undefined {
  const hit = index.get(word);
  if (hit !== undefined) return hit;
  if (word.length >= 3 && word.endsWith('s')) return index.get(word.slice(0, -1));
  return undefined;
}

/** Aspect terms found in a token run: aspect → [max weight, terms]. */
export function matchAspects(
  tokens: readonly Token[],
  index: CompiledTaxonomy,
): Map<string, { weight: number; terms: string[] }> {
  const found = new Map<string, { weight: number; terms: string[] }>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === undefined || t.kind !== 'word') continue;
    const cands = lookup(index, t.text);
    if (cands === undefined) continue;
    for (const c of cands) {
      let ok = true;
      for (let k = 0; k < c.rest.length; k++) {
        const next = tokens[i + 1 + k];
        if (next === undefined || next.kind !== 'word' || next.text !== c.rest[k]) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      const entry = found.get(c.aspect) ?? { weight: 0, terms: [] };
      entry.weight = Math.max(entry.weight, c.weight);
      if (!entry.terms.includes(c.term)) entry.terms.push(c.term);
      found.set(c.aspect, entry);
    }
  }
  return found;
}

/** Split tokens into sentences at . ! ? (the terminator stays with its sentence). */
export function splitSentences(tokens: readonly Token[]): Token[][] {
  const out: Token[][] = [];
  let cur: Token[] = [];
  for (const t of tokens) {
    cur.push(t);
    if (t.kind === 'punct' && (t.text === '.' || t.text === '!' || t.text === '?')) {
      out.push(cur);
      cur = [];
    }
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

/** Aspects mentioned in a text, each with its sentence-level sentiment. */
export function detectAspects(
  text: string,
  taxonomy: AspectTaxonomy = DEFAULT_TAXONOMY,
): AspectMention[] {
  const index = compileTaxonomy(taxonomy);
  const acc = new Map<
    string,
    { wsum: number; ssum: number; weight: number; terms: string[]; n: number }
  >();
  for (const sentence of splitSentences(tokenize(text))) {
    const found = matchAspects(sentence, index);
    if (found.size === 0) continue;
    const score = normaliseScore(scoreTokens(sentence).sum);
    for (const [aspect, f] of found) {
      const a = acc.get(aspect) ?? { wsum: 0, ssum: 0, weight: 0, terms: [], n: 0 };
      a.wsum += f.weight;
      a.ssum += f.weight * score;
      a.weight = Math.max(a.weight, f.weight);
      for (const term of f.terms) if (!a.terms.includes(term)) a.terms.push(term);
      a.n++;
      acc.set(aspect, a);
    }
  }
  const out: AspectMention[] = [];
  for (const [aspect, a] of acc) {
    const score = a.ssum / a.wsum;
    out.push({
      aspect,
      score,
      label: labelFor(score),
      weight: a.weight,
      terms: a.terms,
      sentences: a.n,
    });
  }
  return out;
}

/** Names of the aspects a text mentions (no sentiment), for counting at scale. */
export function aspectsOf(text: string, taxonomy: AspectTaxonomy = DEFAULT_TAXONOMY): string[] {
  return [...matchAspects(tokenize(text), compileTaxonomy(taxonomy)).keys()];
}
