// explainPair: why two records are (not) the same person under the stored model. For each
// field: both normalised values, the comparison level (same SQL as the scorer), m, u, the Bayes
// factor m/u (term-frequency adjusted on exact matches of TF fields: m / tf(value)) and its
// log2 weight. The prior log2(λ/(1−λ)) plus the field weights is the match weight; the match
// probability is 2^w / (1 + 2^w). Records are addressed as '<source>:<source_id>'.
import { NotFoundError } from '../lib/errors.js';
import type { Store } from '../store/index.js';
import { buildTermFrequencies } from './candidate-pairs.js';
import { COMPARISONS, type Comparison, levelLabel, levelsQuery, topLevel } from './comparisons.js';
import { probabilityFromWeight } from './fellegi-sunter.js';
import { loadModel } from './model.js';
import { parseRecordKey } from './record-key.js';

export interface FieldExplanation {
  field: string;
  valueA: unknown;
  valueB: unknown;
  level: number;
  label: string;
  m: number | null;
  u: number | null;
  /** Term frequency used instead of u on an exact match of a TF field. */
  termFrequency: number | null;
  bayesFactor: number;
  log2Weight: number;
}

export interface PairExplanation {
  recordA: string;
  recordB: string;
  priorLog2Odds: number;
  fields: FieldExplanation[];
  matchWeight: number;
  matchProbability: number;
  /** Person ids the records are linked to now (null when not resolved yet). */
  personA: string | null;
  personB: string | null;
}

export async function explainPair(
  store: Store,
  recordA: string,
  recordB: string,
  comparisons: readonly Comparison[] = COMPARISONS,
): Promise<PairExplanation> {
  parseRecordKey(recordA);
  parseRecordKey(recordB);
  const model = await loadModel(store, comparisons);
  const keep = [
    ...comparisons.flatMap((c) => [
      `l.${c.column} AS a_${c.field}`,
      `r.${c.column} AS b_${c.field}`,
    ]),
    '(SELECT person_id FROM identity_links WHERE record_key = l.record_key) AS person_a',
    '(SELECT person_id FROM identity_links WHERE record_key = r.record_key) AS person_b',
  ];
  const row = await store.one<Record<string, unknown>>(
    levelsQuery(
      'identity_records l, identity_records r WHERE l.record_key = ? AND r.record_key = ?',
      keep,
      comparisons,
    ),
    [recordA, recordB],
  );
  if (!row) {
    const known = await store.all<{ record_key: string }>(
      'SELECT record_key FROM identity_records WHERE record_key IN (?, ?)',
      [recordA, recordB],
    );
    const missing =
      [recordA, recordB].find((k) => !known.some((x) => x.record_key === k)) ?? recordA;
    throw new NotFoundError(
      'IDENTITY_RECORD_NOT_FOUND',
      `record "${missing}": not in identity_records (expected a customer record resolved at least once)`,
      {
        where: { field: 'record' },
      },
    );
  }
  await buildTermFrequencies(store, comparisons);
  const priorLog2Odds = Math.log2(model.lambda / (1 - model.lambda));
  const fields: FieldExplanation[] = [];
  for (const [f, c] of comparisons.entries()) {
    const level = Number(row[`g_${c.field}`]);
    const params = model.fields[f];
    const lp = level >= 0 ? params?.levels[level] : undefined;
    let termFrequency: number | null = null;
    if (c.tfAdjust && level === topLevel(c)) {
      const tf = await store.one<{ tf: number }>(`SELECT tf FROM idc_tf_${c.field} WHERE v = ?`, [
        row[`a_${c.field}`] as string,
      ]);
      termFrequency = tf?.tf ?? null;
    }
    const m = lp?.m ?? null;
    const u = lp?.u ?? null;
    const bayesFactor = m === null || u === null ? 1 : m / Math.max(termFrequency ?? u, 1e-12);
    fields.push({
      field: c.field,
      valueA: row[`a_${c.field}`] ?? null,
      valueB: row[`b_${c.field}`] ?? null,
      level,
      label: levelLabel(c, level),
      m,
      u,
      termFrequency,
      bayesFactor,
      log2Weight: Math.log2(bayesFactor),
    });
  }
  for (const c of comparisons.filter((x) => x.tfAdjust))
    await store.run(`DROP TABLE IF EXISTS idc_tf_${c.field}`);
  const matchWeight = priorLog2Odds + fields.reduce((s, x) => s + x.log2Weight, 0);
  return {
    recordA,
    recordB,
    priorLog2Odds,
    fields,
    matchWeight,
    matchProbability: probabilityFromWeight(matchWeight),
    personA: (row.person_a as string | null) ?? null,
    personB: (row.person_b as string | null) ?? null,
  };
}
