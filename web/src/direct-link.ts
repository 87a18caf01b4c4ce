// Which two of a person's source records were joined directly, so the identity explanation opens
// on a link that really happened. Records chain: A–B on an e-mail, B–C on a phone puts A and C in
// one person although A and C compare badly (e.g. "match probability 8 %"), so the first two
// records are a poor default. /api/persons/:ref gives each record the strongest rule that joined
// it (email, phone, user_id, probabilistic …) but not the record at the other end, so the partner
// is found here: a record sharing a deterministic key (what those rules join on), else the record
// sharing the most identifying fields (what the probabilistic model weighs).
type SourceRecord = Record<string, unknown>;

const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** The last nine digits: "+44 7708 115 106" and "0044 7708115106" are one number. */
function phoneKey(v: unknown): string {
  const digits = text(v).replace(/\D/g, '');
  return digits.length >= 7 ? digits.slice(-9) : '';
}

/** Deterministic keys by the rule that joins on them, normalised roughly like src/identity. */
const KEYS: Record<string, (r: SourceRecord) => string> = {
  email: (r) => text(r.email).trim().toLowerCase(),
  phone: (r) => phoneKey(r.phone),
  user_id: (r) => text(r.user_id).trim(),
};

const FIELDS = ['first_name', 'last_name', 'birth_date', 'address', 'postcode', 'city'] as const;

const shares = (a: SourceRecord, b: SourceRecord, rule: string) => {
  const key = KEYS[rule];
  return key !== undefined && key(a) !== '' && key(a) === key(b);
};

/**
 * 3 when the records share the key of the rule that joined one of them (that very link), 2 for
 * another shared deterministic key, else the share of identifying fields that agree (0–1).
 */
function linkScore(a: SourceRecord, b: SourceRecord): number {
  if (shares(a, b, text(a.rule)) || shares(a, b, text(b.rule))) return 3;
  if (Object.keys(KEYS).some((rule) => shares(a, b, rule))) return 2;
  let same = 0;
  let both = 0;
  for (const f of FIELDS) {
    const x = text(a[f]).trim().toLowerCase();
    const y = text(b[f]).trim().toLowerCase();
    if (!x || !y) continue;
    both++;
    if (x === y) same++;
  }
  return both === 0 ? 0 : same / both;
}

/** Among `records` other than `a`, the key of the one most likely joined to it directly. */
export function partnerOf(
  records: readonly SourceRecord[],
  keyOf: (r: SourceRecord) => string,
  a: string,
): string | undefined {
  const ra = records.find((r) => keyOf(r) === a);
  let best: { key: string; score: number } | undefined;
  for (const r of records) {
    const key = keyOf(r);
    if (key === a) continue;
    const score = ra ? linkScore(ra, r) : 0;
    if (!best || score > best.score) best = { key, score };
  }
  return best?.key;
}

/** The pair of keys most likely joined directly (by a record's own rule first), in record order. */
export function directPair(
  records: readonly SourceRecord[],
  keyOf: (r: SourceRecord) => string,
): [string, string] | undefined {
  let best: { pair: [string, string]; score: number } | undefined;
  for (let i = 0; i < records.length; i++) {
    for (let j = i + 1; j < records.length; j++) {
      const a = records[i] as SourceRecord;
      const b = records[j] as SourceRecord;
      const score = linkScore(a, b);
      if (!best || score > best.score) best = { pair: [keyOf(a), keyOf(b)], score };
      if (score === 3) return best.pair;
    }
  }
  return best?.pair;
}
