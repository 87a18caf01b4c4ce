// Normalises person names for comparison: Unicode accents folded (é → e), lower case, anything
// that is not a letter turned into a single space, trimmed. First names also map common
// nicknames to the formal name (Bob → robert, Liz → elizabeth) from nicknames.ts.
import { NICKNAMES } from './nicknames.js';

const NON_LETTERS = /[^a-z]+/g;
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const LIGATURES: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
};
const LIGATURE_RE = /[ßæœøłđ]/g;

/** Case, accents and whitespace folded; null when nothing letter-like is left. */
export function normaliseName(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const folded = raw
    .toLowerCase()
    .replace(LIGATURE_RE, (c) => LIGATURES[c] ?? c)
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(NON_LETTERS, ' ')
    .trim();
  return folded === '' ? null : folded;
}

/** normaliseName plus the nickname table on each word: "Bob" → "robert", "Mary-Liz" → "mary elizabeth". */
export function normaliseFirstName(raw: string | null | undefined): string | null {
  const name = normaliseName(raw);
  if (name === null) return null;
  return name
    .split(' ')
    .map((w) => NICKNAMES[w] ?? w)
    .join(' ');
}
