// Tokeniser for short customer texts, written as one hand-rolled scan (no regex per token) so the
// sentiment scorer can run at hundreds of thousands of texts per second.
//
// Output tokens:
// - word: lower-cased, apostrophes removed ("Don't" → "dont"), runs of 3+ equal letters cut to two
//   ("sooo" → "soo"; `squeezed` holds the one-letter form "so"); `isCaps` when written in capitals
//   (2+ letters), `isElongated` when a run was cut.
// - emoji: one pictographic code point (skin tones, variation selectors and ZWJ are dropped).
// - emoticon: ":)", ":-(", ":'(", "<3", "xD"… only when standing alone (space or edge on both sides).
// - punct: one of . ! ? , ; : (clause and sentence boundaries, exclamation emphasis).
// Hyphens and other symbols split words ("tone-deaf" → "tone", "deaf").

export type TokenKind = 'word' | 'emoji' | 'emoticon' | 'punct';

export interface Token {
  /** Normalised form used for lexicon look-up. */
  text: string;
  kind: TokenKind;
  /** Word written in capitals (at least two letters), e.g. "TERRIBLE". */
  isCaps: boolean;
  /** A run of 3+ equal letters was shortened ("goood"). */
  isElongated: boolean;
  /** For elongated words, the form with every run cut to one letter ("goood" → "god"). */
  squeezed?: string;
}

/** Emoticons recognised when they stand alone; longest match wins. */
export const EMOTICONS: ReadonlySet<string> = new Set([
  ':)',
  ':-)',
  ':))',
  ':)))',
  ':]',
  ':D',
  ':-D',
  ';)',
  ';-)',
  ':P',
  ':-P',
  ':p',
  ':-p',
  '=)',
  '=D',
  '(:',
  'xD',
  'XD',
  ':3',
  '^^',
  '^_^',
  '<3',
  '<33',
  ':*',
  ':-*',
  '8)',
  'B)',
  ':(',
  ':-(',
  ':((',
  ':(((',
  ':[',
  ":'(",
  ":'-(",
  ':/',
  ':-/',
  ':\\',
  ':|',
  ':-|',
  '>:(',
  '>:-(',
  'D:',
  ':@',
  ':S',
  ':s',
  '=(',
  '):',
  '</3',
  '-_-',
  'T_T',
  ';(',
]);
const MAX_EMOTICON_LEN = 5;

const PUNCT = new Set(['.', '!', '?', ',', ';', ':']);

function isWordCode(c: number): boolean {
  if (c < 128) {
    return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  }
  // Latin-1 letters and everything above that is not punctuation/emoji is treated as letters:
  // accented Latin, Greek, Cyrillic, CJK… Emoji ranges are handled before this check.
  if (c === 0xd7 || c === 0xf7) return false;
  if (c >= 0xc0 && c <= 0x24f) return true;
  if (c >= 0x370 && c <= 0x1fff) return true;
  if (c >= 0x3040 && c <= 0xd7af) return true;
  return false;
}

function isEmojiCode(c: number): boolean {
  return (
    (c >= 0x1f300 && c <= 0x1faff) ||
    (c >= 0x2600 && c <= 0x27bf) ||
    (c >= 0x1f000 && c <= 0x1f2ff) ||
    c === 0x2b50 ||
    c === 0x2764
  );
}

function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019 || c === 0x2018;
}

function isSpace(c: number | undefined): boolean {
  return c === undefined || c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0;
}

/** Shorten runs of 3+ equal characters to `keep` characters. */
function squeezeRuns(word: string, keep: number): string {
  let out = '';
  let run = 0;
  let prev = '';
  for (const ch of word) {
    run = ch === prev ? run + 1 : 1;
    prev = ch;
    if (run <= keep) out += ch;
  }
  return out;
}

function hasTripleRun(word: string): boolean {
  for (let i = 2; i < word.length; i++) {
    if (word[i] === word[i - 1] && word[i] === word[i - 2] && !/[0-9]/.test(word[i] ?? '')) {
      return true;
    }
  }
  return false;
}

function makeWord(raw: string): Token {
  const lower = raw.toLowerCase();
  let letters = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127) letters++;
  }
  const isCaps = letters >= 2 && raw !== lower && raw === raw.toUpperCase();
  if (hasTripleRun(lower)) {
    return {
      text: squeezeRuns(lower, 2),
      kind: 'word',
      isCaps,
      isElongated: true,
      squeezed: squeezeRuns(lower, 1),
    };
  }
  return { text: lower, kind: 'word', isCaps, isElongated: false };
}

function matchEmoticon(text: string, i: number): string | undefined {
  for (let len = Math.min(MAX_EMOTICON_LEN, text.length - i); len >= 2; len--) {
    const cand = text.slice(i, i + len);
    if (!EMOTICONS.has(cand)) continue;
    const after = text.charCodeAt(i + len);
    const afterOk = Number.isNaN(after) || isSpace(after) || PUNCT.has(text[i + len] ?? '');
    if (afterOk) return cand;
  }
  return undefined;
}

/** Split a text into word, emoji, emoticon and punctuation tokens. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const prevIsSpace = i === 0 || isSpace(text.charCodeAt(i - 1));
    if (prevIsSpace && !isSpace(c)) {
      const emo = matchEmoticon(text, i);
      if (emo !== undefined) {
        tokens.push({ text: emo, kind: 'emoticon', isCaps: false, isElongated: false });
        i += emo.length;
        continue;
      }
    }
    const cp = text.codePointAt(i) ?? c;
    if (isEmojiCode(cp)) {
      tokens.push({
        text: String.fromCodePoint(cp),
        kind: 'emoji',
        isCaps: false,
        isElongated: false,
      });
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    if (isWordCode(c)) {
      let raw = '';
      let j = i;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (isWordCode(d)) {
          raw += text[j];
          j++;
        } else if (isApostrophe(d) && j + 1 < n && isWordCode(text.charCodeAt(j + 1))) {
          j++; // drop the apostrophe inside a word: don't → dont
        } else {
          break;
        }
      }
      tokens.push(makeWord(raw));
      i = j;
      continue;
    }
    const ch = text[i] ?? '';
    if (PUNCT.has(ch)) {
      tokens.push({ text: ch, kind: 'punct', isCaps: false, isElongated: false });
    }
    i += 1;
  }
  return tokens;
}

/** Words only, lower-cased, for topic and aspect work. */
export function tokenizeWords(text: string): string[] {
  const out: string[] = [];
  for (const t of tokenize(text)) if (t.kind === 'word') out.push(t.text);
  return out;
}
