// Language guard for the English scorer. A fast path accepts a text as English when enough of its
// words are English function words or known sentiment words; only the rest go to tinyld (about
// 30 µs a call). A text is marked non-English only when it has at least MIN_WORDS words and the
// detector is confident in another language; short or ambiguous texts stay 'en'.

import { detectAll } from 'tinyld';
import { WORD_VALENCE } from './lexicon.js';
import type { Token } from './tokenize.js';

export const MIN_WORDS_FOR_DETECTION = 4;
/** Share of words that must be English markers to skip the detector. */
const ENGLISH_SHARE = 0.34;
/** Share of English function words alone that settles it. */
const MARKER_SHARE = 0.2;
/** Detector's top score needed to call a text non-English, and margin over English. */
const MIN_ACCURACY = 0.25;
const MIN_RATIO_OVER_EN = 3;

// Function words that are frequent in English and rare as words in the languages tinyld confuses
// with it (no "a", "in", "me", "no", "so", "de", "die", "son").
const ENGLISH_MARKERS: ReadonlySet<string> = new Set([
  'the',
  'and',
  'this',
  'that',
  'with',
  'for',
  'not',
  'you',
  'your',
  'my',
  'i',
  'it',
  'its',
  'of',
  'to',
  'have',
  'has',
  'had',
  'was',
  'were',
  'are',
  'be',
  'been',
  'they',
  'them',
  'their',
  'we',
  'our',
  'very',
  'but',
  'just',
  'would',
  'could',
  'should',
  'will',
  'what',
  'when',
  'which',
  'who',
  'there',
  'here',
  'from',
  'about',
  'after',
  'before',
  'because',
  'only',
  'also',
  'than',
  'then',
  'do',
  'does',
  'did',
  'dont',
  'doesnt',
  'didnt',
  'cant',
  'wont',
  'isnt',
  'wasnt',
  'its',
  'im',
  'ive',
  'get',
  'got',
  'can',
  'all',
  'any',
  'some',
  'one',
  'two',
  'more',
  'much',
  'out',
  'up',
  'on',
  'at',
  'by',
  'an',
  'or',
  'if',
  'he',
  'she',
  'her',
  'his',
  'him',
  'how',
  'why',
  'still',
  'again',
  'really',
  'even',
  'too',
  'like',
  'use',
  'used',
  'new',
  'now',
  'after',
  'order',
  'bought',
  'product',
  'item',
  'service',
  'delivery',
  'works',
  'work',
  'ordered',
  'received',
  'arrived',
  'is',
  'as',
  'these',
  'those',
  'well',
  'into',
  'over',
  'where',
  'while',
]);

export interface LanguageGuess {
  language: string;
  /** True when the detector was consulted (slow path). */
  detected: boolean;
}

/** Decide the language of a tokenised text; 'en' unless confidently another language. */
export function guessLanguage(text: string, tokens: readonly Token[]): LanguageGuess {
  let words = 0;
  let english = 0;
  let markers = 0;
  let latinLetters = true;
  for (const t of tokens) {
    if (t.kind !== 'word') continue;
    words++;
    if (ENGLISH_MARKERS.has(t.text)) {
      markers++;
      english++;
    } else if (WORD_VALENCE.has(t.text)) english++;
    if (latinLetters && t.text.charCodeAt(0) > 0x24f) latinLetters = false;
  }
  if (words < MIN_WORDS_FOR_DETECTION) return { language: 'en', detected: false };
  if (latinLetters && (english / words >= ENGLISH_SHARE || markers / words >= MARKER_SHARE)) {
    return { language: 'en', detected: false };
  }
  const ranked = detectAll(text);
  const top = ranked[0];
  if (top === undefined || top.lang === 'en') return { language: 'en', detected: true };
  const en = ranked.find((r) => r.lang === 'en')?.accuracy ?? 0;
  if (top.accuracy >= MIN_ACCURACY && top.accuracy > MIN_RATIO_OVER_EN * en) {
    return { language: top.lang, detected: true };
  }
  return { language: 'en', detected: true };
}
