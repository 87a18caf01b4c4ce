// Sentiment of short customer texts (reviews, posts, ticket bodies, survey comments).
//
// Lexicon-and-rules scorer in the VADER tradition (Hutto & Gilbert 2014), on AFINN-165 plus a
// customer-service / e-commerce lexicon with phrases. For each sentiment-bearing token or phrase
// with valence v (AFINN scale -5..5):
//   v ← v · Π(1 + intensifier) · Π(1 − dampener)      modifiers in the two words before
//   v ← v · 1.5 if written in CAPITALS (and the text is not all capitals); v · 1.2 if elongated
//   v ← −0.75·v (v > 0) or −0.5·v (v < 0) when a negator is within the 3 words before, with no
//       punctuation or contrast word in between ("not bad" is mildly positive, "not good" negative)
//   contrast: valences before "but"/"however" × 0.5, after × 1.5
// Emoji and emoticons add their valence unmodified. S = Σv, plus 0.29·sign(S) per "!" (max 4).
// score = S / √(S² + 15) ∈ (−1, 1); label neutral when |score| < NEUTRAL_BAND.
// Assumptions: English text; sarcasm and domain shifts beyond the lexicon are not modelled.
// Non-English texts (see language.ts) come back unscored. Theory: docs/theory/sentiment.md.

import { EMOJI_VALENCE, EMOTICON_VALENCE } from './emoji.js';
import { guessLanguage } from './language.js';
import { CONTRAST, DAMPENERS, INTENSIFIERS, NEGATORS, PHRASES, WORD_VALENCE } from './lexicon.js';
import { type Token, tokenize } from './tokenize.js';

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

export interface SentimentResult {
  /** −1 (very negative) … 1 (very positive); 0 when unscored. */
  score: number;
  label: SentimentLabel;
  /** ISO 639-1 code; 'en' unless confidently detected as another language. */
  language: string;
  /** False for non-English or empty texts. */
  scored: boolean;
}

/** |score| below this is neutral. */
export const NEUTRAL_BAND = 0.1;
/** VADER's normalisation constant. */
const ALPHA = 15;
const NEGATION_SCOPE_WORDS = 3;
const CAPS_FACTOR = 1.5;
const ELONGATED_FACTOR = 1.2;
const EXCLAMATION_BOOST = 0.292;
const BEFORE_CONTRAST = 0.5;
const AFTER_CONTRAST = 1.5;
const CLAUSE_BREAKS = new Set(['.', '!', '?', ',', ';', ':']);
// "like" is a verb of liking only after these words ("I like it"); elsewhere it is a preposition.
const LIKE_AS_VERB = new Set([
  'i',
  'we',
  'you',
  'they',
  'really',
  'do',
  'dont',
  'didnt',
  'doesnt',
  'also',
  'definitely',
  'still',
  'just',
  'totally',
  'kids',
  'wife',
  'husband',
  'she',
  'he',
  'would',
  'd',
  'im',
  'not',
]);

const IRREALIS = new Set([
  'would',
  'could',
  'should',
  'if',
  'wish',
  'wished',
  'hope',
  'hoping',
  'supposed',
  'wouldve',
  'couldve',
  'shouldve',
]);
const IRREALIS_FACTOR = 0.3;

function isIrrealis(prev: Token | undefined, prev2: Token | undefined): boolean {
  return (
    (prev !== undefined && IRREALIS.has(prev.text)) ||
    (prev2 !== undefined && IRREALIS.has(prev2.text))
  );
}

export interface RawSentiment {
  /** Σ of adjusted valences (before normalisation). */
  sum: number;
  /** Number of sentiment-bearing tokens or phrases. */
  hits: number;
}

function wordValence(t: Token, prev: Token | undefined): number | undefined {
  let v = WORD_VALENCE.get(t.text);
  if (v === undefined && t.squeezed !== undefined) v = WORD_VALENCE.get(t.squeezed);
  if (v !== undefined && t.text === 'like' && !(prev && LIKE_AS_VERB.has(prev.text))) return 0;
  return v;
}

/** Longest phrase starting at token i (word tokens only); returns [value, tokens consumed]. */
function matchPhrase(tokens: readonly Token[], i: number): [number, number] | undefined {
  const head = tokens[i];
  if (head === undefined) return undefined;
  const list = PHRASES.get(head.text);
  if (list === undefined) return undefined;
  for (const p of list) {
    let ok = true;
    for (let k = 0; k < p.rest.length; k++) {
      const t = tokens[i + 1 + k];
      if (t === undefined || t.kind !== 'word' || t.text !== p.rest[k]) {
        ok = false;
        break;
      }
    }
    if (ok) return [p.value, p.rest.length + 1];
  }
  return undefined;
}

/** Score a token sequence (one text or one sentence) without normalising. */
export function scoreTokens(tokens: readonly Token[]): RawSentiment {
  let capsWords = 0;
  let words = 0;
  for (const t of tokens) {
    if (t.kind !== 'word') continue;
    words++;
    if (t.isCaps) capsWords++;
  }
  const shoutAll = words > 0 && capsWords === words;

  const values: number[] = [];
  let afterContrast = false;
  let lastNegWord = -100; // word index of the last negator in the current clause
  let wordIdx = -1;
  let exclamations = 0;
  let hits = 0;
  let prevWord: Token | undefined;
  let prev2Word: Token | undefined;

  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i] as Token;
    if (t.kind === 'punct') {
      if (t.text === '!') exclamations++;
      if (CLAUSE_BREAKS.has(t.text)) lastNegWord = -100;
      i++;
      continue;
    }
    if (t.kind === 'emoji' || t.kind === 'emoticon') {
      const v = (t.kind === 'emoji' ? EMOJI_VALENCE : EMOTICON_VALENCE).get(t.text);
      if (v !== undefined && v !== 0) {
        values.push(afterContrast ? v * AFTER_CONTRAST : v);
        hits++;
      }
      i++;
      continue;
    }
    wordIdx++;
    if (CONTRAST.has(t.text)) {
      for (let k = 0; k < values.length; k++) values[k] = (values[k] ?? 0) * BEFORE_CONTRAST;
      afterContrast = true;
      lastNegWord = -100;
      prev2Word = prevWord;
      prevWord = t;
      i++;
      continue;
    }
    const phrase = matchPhrase(tokens, i);
    let v: number | undefined;
    let span = 1;
    if (phrase !== undefined) {
      [v, span] = phrase;
    } else if (NEGATORS.has(t.text)) {
      lastNegWord = wordIdx;
      prev2Word = prevWord;
      prevWord = t;
      i++;
      continue;
    } else {
      v = wordValence(t, prevWord);
      // "super fast", "damn good": the intensifier lends its weight to the next word instead.
      const next = tokens[i + 1];
      if (v !== undefined && INTENSIFIERS.has(t.text) && next?.kind === 'word') {
        if (WORD_VALENCE.has(next.text) || PHRASES.has(next.text)) v = 0;
      }
    }
    if (v !== undefined && v !== 0) {
      let scale = 1;
      for (const m of [prevWord, prev2Word]) {
        if (m === undefined) continue;
        const key = m.squeezed !== undefined && !INTENSIFIERS.has(m.text) ? m.squeezed : m.text;
        const up = INTENSIFIERS.get(key);
        if (up !== undefined) scale *= 1 + (m.isCaps && !shoutAll ? up * 2 : up);
        const down = DAMPENERS.get(key);
        if (down !== undefined) scale *= 1 - down;
      }
      v *= scale;
      // Irrealis: "would love it if…", "should be good" state a wish, not an experience.
      if (v > 0 && isIrrealis(prevWord, prev2Word)) v *= IRREALIS_FACTOR;
      if (t.isCaps && !shoutAll) v *= CAPS_FACTOR;
      if (t.isElongated) v *= ELONGATED_FACTOR;
      if (wordIdx - lastNegWord <= NEGATION_SCOPE_WORDS) v *= v > 0 ? -0.75 : -0.5;
      if (afterContrast) v *= AFTER_CONTRAST;
      values.push(v);
      hits++;
    }
    // Advance over the phrase; the last word of it becomes the previous word.
    for (let k = 0; k < span; k++) {
      prev2Word = prevWord;
      prevWord = tokens[i + k];
    }
    wordIdx += span - 1;
    i += span;
  }
  let sum = 0;
  for (const v of values) sum += v;
  if (sum !== 0) sum += Math.sign(sum) * Math.min(exclamations, 4) * EXCLAMATION_BOOST;
  return { sum, hits };
}

/** Map a raw valence sum to (−1, 1). */
export function normaliseScore(sum: number): number {
  return sum / Math.sqrt(sum * sum + ALPHA);
}

export function labelFor(score: number): SentimentLabel {
  if (score >= NEUTRAL_BAND) return 'positive';
  if (score <= -NEUTRAL_BAND) return 'negative';
  return 'neutral';
}

/** Score one short customer text. Non-English texts come back with scored: false. */
export function scoreSentiment(text: string): SentimentResult {
  const tokens = tokenize(text);
  if (tokens.length === 0) return { score: 0, label: 'neutral', language: 'en', scored: false };
  const { language } = guessLanguage(text, tokens);
  if (language !== 'en') return { score: 0, label: 'neutral', language, scored: false };
  const score = normaliseScore(scoreTokens(tokens).sum);
  return { score, label: labelFor(score), language, scored: true };
}
