// Identity corruption: the small differences the same person's records show across systems
// (typing errors, gmail dot and plus variants, swapped day/month, formatting).
import type { Random } from './random.js';

const NEIGHBOURS: Readonly<Record<string, string>> = {
  a: 'sq',
  b: 'vn',
  c: 'xv',
  d: 'sf',
  e: 'wr',
  f: 'dg',
  g: 'fh',
  h: 'gj',
  i: 'uo',
  j: 'hk',
  k: 'jl',
  l: 'k',
  m: 'n',
  n: 'bm',
  o: 'ip',
  p: 'o',
  q: 'w',
  r: 'et',
  s: 'ad',
  t: 'ry',
  u: 'yi',
  v: 'cb',
  w: 'qe',
  x: 'zc',
  y: 'tu',
  z: 'x',
};

/** One random edit: swap, drop, double or neighbour-key replace (never the first letter). */
function editOnce(rng: Random, text: string): string {
  if (text.length < 3) return text;
  const i = rng.int(1, text.length - 1);
  const ch = text[i] ?? '';
  switch (rng.int(0, 3)) {
    case 0: {
      if (i >= text.length - 1) return text.slice(0, i) + text.slice(i + 1);
      return text.slice(0, i) + (text[i + 1] ?? '') + ch + text.slice(i + 2);
    }
    case 1:
      return text.slice(0, i) + text.slice(i + 1);
    case 2:
      return text.slice(0, i) + ch + ch + text.slice(i + 1);
    default: {
      const opts = NEIGHBOURS[ch.toLowerCase()];
      if (!opts) return text.slice(0, i) + text.slice(i + 1);
      return text.slice(0, i) + rng.pick(opts.split('')) + text.slice(i + 1);
    }
  }
}

/** 1 edit (80 %) or 2 edits; always returns a different string when possible. */
export function typo(rng: Random, text: string): string {
  const edits = rng.chance(0.8) ? 1 : 2;
  let out = text;
  for (let k = 0; k < edits; k++) out = editOnce(rng, out);
  return out === text && text.length >= 3 ? `${text.slice(0, -1)}` : out;
}

/** Gmail ignores dots and +tags in the local part: people use both. */
export function gmailVariant(rng: Random, email: string): string {
  const [local, domain] = email.split('@') as [string, string];
  if (domain !== 'gmail.com' && domain !== 'googlemail.com') return email;
  const kind = rng.int(0, 2);
  if (kind === 0) return `${local}+${rng.pick(['shop', 'northwind', 'orders', 'deals'])}@${domain}`;
  if (kind === 1) {
    const plain = local.replace(/\./g, '');
    if (plain !== local) return `${plain}@${domain}`;
    const i = rng.int(1, Math.max(1, plain.length - 1));
    return `${plain.slice(0, i)}.${plain.slice(i)}@${domain}`;
  }
  return `${local}@googlemail.com`;
}

/** Capitalised or upper-cased e-mail as some forms store it. */
export function emailCase(rng: Random, email: string): string {
  return rng.chance(0.5) ? email.toUpperCase() : email.charAt(0).toUpperCase() + email.slice(1);
}

/** `YYYY-MM-DD` with day and month swapped when that is still a valid date. */
export function swapDayMonth(date: string): string {
  const [y, m, d] = date.split('-');
  if (!y || !m || !d || Number(d) > 12 || d === m) return date;
  return `${y}-${d}-${m}`;
}

export function postcodeVariant(rng: Random, postcode: string): string {
  return rng.chance(0.5) ? postcode.toLowerCase() : postcode.replace(/\s+/g, '');
}
