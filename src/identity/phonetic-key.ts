// American Soundex (Russell/Odell, as in the US census): first letter + three digits coding the
// following consonants (b f p v → 1; c g j k q s x z → 2; d t → 3; l → 4; m n → 5; r → 6),
// vowels separate repeated codes, h and w do not. Used as a blocking key for surnames so that
// spelling variants (Smith / Smyth, Meyer / Maier) land in the same block.
const CODES: Readonly<Record<string, string>> = {
  b: '1',
  f: '1',
  p: '1',
  v: '1',
  c: '2',
  g: '2',
  j: '2',
  k: '2',
  q: '2',
  s: '2',
  x: '2',
  z: '2',
  d: '3',
  t: '3',
  l: '4',
  m: '5',
  n: '5',
  r: '6',
};

export function soundex(name: string | null | undefined): string | null {
  if (name == null) return null;
  const letters = name.toLowerCase().replace(/[^a-z]/g, '');
  const first = letters[0];
  if (first === undefined) return null;
  let key = first.toUpperCase();
  let previous = CODES[first] ?? '';
  for (let i = 1; i < letters.length && key.length < 4; i++) {
    const c = letters[i] as string;
    const code = CODES[c];
    if (code === undefined) {
      // Vowels reset the previous code; h and w are transparent.
      if (c !== 'h' && c !== 'w') previous = '';
      continue;
    }
    if (code !== previous) key += code;
    previous = code;
  }
  return key.padEnd(4, '0');
}
