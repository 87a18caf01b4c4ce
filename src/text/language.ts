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

// Function words of the languages customers most often write in besides English, none of them an
// English word ("die", "war", "so", "no", "a", "in" are left out). tinyld alone misreads short
// German and Spanish sentences full of brand and product names as English (or is not confident),
// so a text whose words are mostly one language's function words is settled by them.
// biome-ignore format: one language per line group
const FUNCTION_WORDS: Readonly<Record<string, ReadonlySet<string>>> = {
  de: new Set(['der', 'das', 'und', 'ist', 'nicht', 'mit', 'dem', 'den', 'von', 'ein', 'eine',
    'einen', 'ich', 'mein', 'meine', 'meines', 'meinen', 'sehr', 'auch', 'auf', 'aus', 'als', 'ganz',
    'für', 'wie', 'noch', 'nur', 'aber', 'zu', 'wir', 'sie', 'es', 'jetzt', 'schon', 'bei', 'nach',
    'oder', 'kein', 'keine', 'gut', 'läuft', 'wurde', 'ihr', 'sind', 'habe', 'hatte', 'mir', 'mich',
    'nie', 'immer', 'zum', 'zur', 'im', 'vom', 'über', 'dass', 'weg']),
  es: new Set(['el', 'la', 'los', 'las', 'de', 'del', 'y', 'que', 'un', 'una', 'es', 'por', 'para',
    'con', 'muy', 'pero', 'mi', 'mis', 'se', 'lo', 'al', 'ahora', 'está', 'esta', 'fue', 'como',
    'más', 'sin', 'ya', 'todo', 'nada', 'su', 'sus', 'yo', 'me', 'le', 'les', 'nos', 'estoy',
    'bien', 'después', 'desde', 'hasta', 'también', 'pedido', 'gracias']),
  fr: new Set(['le', 'la', 'les', 'des', 'du', 'et', 'est', 'je', 'mon', 'ma', 'mes', 'pas', 'ne',
    'très', 'pour', 'avec', 'une', 'un', 'sur', 'dans', 'que', 'qui', 'il', 'elle', 'cest', 'jai',
    'mais', 'ou', 'au', 'aux', 'ce', 'cette', 'rien', 'trop', 'bien', 'vraiment', 'été', 'nous',
    'vous', 'sont', 'avoir', 'être', 'ça', 'commande', 'merci', 'après', 'depuis', 'toujours']),
  it: new Set(['il', 'lo', 'gli', 'della', 'delle', 'di', 'che', 'è', 'non', 'per', 'con', 'una',
    'sono', 'molto', 'ma', 'mio', 'mia', 'questo', 'questa', 'anche', 'già', 'dopo', 'grazie']),
  nl: new Set(['de', 'het', 'een', 'en', 'is', 'niet', 'met', 'van', 'ik', 'mijn', 'zijn', 'ook',
    'maar', 'voor', 'op', 'dat', 'deze', 'heel', 'erg', 'naar', 'nog', 'geen', 'bedankt']),
  pt: new Set(['o', 'os', 'as', 'de', 'do', 'da', 'dos', 'das', 'e', 'que', 'um', 'uma', 'é', 'não',
    'para', 'com', 'muito', 'mas', 'meu', 'minha', 'foi', 'está', 'já', 'também', 'obrigado']),
};
/** Share of words that must be one language's function words, and how many at least. */
const FUNCTION_SHARE = 0.25;
const MIN_FUNCTION_WORDS = 3;

/** The language whose function words make up most of the words, if they clearly do. */
function byFunctionWords(words: readonly string[], englishMarkers: number): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  for (const [lang, set] of Object.entries(FUNCTION_WORDS)) {
    let n = 0;
    for (const w of words) if (set.has(w)) n++;
    if (n > bestCount) {
      best = lang;
      bestCount = n;
    }
  }
  const ok =
    bestCount >= MIN_FUNCTION_WORDS &&
    bestCount / words.length >= FUNCTION_SHARE &&
    bestCount > 2 * englishMarkers;
  return ok ? best : undefined;
}

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
  const wordList: string[] = [];
  for (const t of tokens) {
    if (t.kind !== 'word') continue;
    words++;
    wordList.push(t.text);
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
  const byWords = latinLetters ? byFunctionWords(wordList, markers) : undefined;
  if (byWords !== undefined) return { language: byWords, detected: true };
  const ranked = detectAll(text);
  const top = ranked[0];
  if (top === undefined || top.lang === 'en') return { language: 'en', detected: true };
  const en = ranked.find((r) => r.lang === 'en')?.accuracy ?? 0;
  if (top.accuracy >= MIN_ACCURACY && top.accuracy > MIN_RATIO_OVER_EN * en) {
    return { language: top.lang, detected: true };
  }
  return { language: 'en', detected: true };
}
