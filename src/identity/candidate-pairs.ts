// Candidate pairs with their comparison levels: the blocking rules' union (blocking.ts) joined
// to both records, every comparison level computed by DuckDB in one vectorised pass (SQL from
// comparisons.ts), plus the term frequency of the shared value for exact matches on TF fields.
// Result: TEMP TABLE idc_pairs (a, b, mask, g_<field> …, tf_<field> …).
import type { Store } from '../store/index.js';
import { type BlockingRule, candidatePairsSql } from './blocking.js';
import { type Comparison, levelsQuery, topLevel } from './comparisons.js';

export interface CandidateOptions {
  maxBlockSize: number;
  newAfterRid?: number;
}

/** Builds TEMP TABLE idc_tf_<field>(v, tf): share of non-null records holding each value. */
export async function buildTermFrequencies(
  store: Store,
  comparisons: readonly Comparison[],
): Promise<void> {
  for (const c of comparisons.filter((x) => x.tfAdjust)) {
    await store.run(`CREATE OR REPLACE TEMP TABLE idc_tf_${c.field} AS
      SELECT ${c.column} AS v, count(*) / sum(count(*)) OVER () AS tf
      FROM identity_records WHERE ${c.column} IS NOT NULL GROUP BY 1`);
  }
}

export async function buildCandidatePairs(
  store: Store,
  rules: readonly BlockingRule[],
  comparisons: readonly Comparison[],
  options: CandidateOptions,
): Promise<number> {
  await buildTermFrequencies(store, comparisons);
  const tfFields = comparisons.filter((c) => c.tfAdjust);
  const keep = [
    'p.a AS a',
    'p.b AS b',
    'p.mask AS mask',
    ...tfFields.map(
      (c) => `CASE WHEN l.${c.column} = r.${c.column} THEN t_${c.field}.tf END AS tf_${c.field}`,
    ),
  ];
  const tfJoins = tfFields
    .map((c) => `LEFT JOIN idc_tf_${c.field} t_${c.field} ON t_${c.field}.v = l.${c.column}`)
    .join('\n');
  const from = `(${candidatePairsSql(rules, options)}) p
    JOIN identity_records l ON l.rid = p.a
    JOIN identity_records r ON r.rid = p.b
    ${tfJoins}`;
  await store.run(
    `CREATE OR REPLACE TEMP TABLE idc_pairs AS ${levelsQuery(from, keep, comparisons)}`,
  );
  const row = await store.one<{ n: number }>('SELECT count(*) AS n FROM idc_pairs');
  return row?.n ?? 0;
}

/** Random pairs (seeded hash of a counter) → level counts per field, for u. */
export async function sampleLevelCounts(
  store: Store,
  comparisons: readonly Comparison[],
  samplePairs: number,
  seed: number,
): Promise<number[][]> {
  const gCols = comparisons.map((c) => `g_${c.field}`).join(', ');
  // The record count is inlined: a scalar subquery here makes DuckDB plan a slow join.
  const size = await store.one<{ n: number }>(
    'SELECT coalesce(max(rid) + 1, 0) AS n FROM identity_records',
  );
  const n = Math.max(size?.n ?? 0, 1);
  const s = Math.trunc(seed);
  const rows = await store.all<Record<string, number>>(`
    WITH s AS (
      SELECT (hash(i, ${s}) % ${n})::INTEGER AS a, (hash(i, ${s + 1}) % ${n})::INTEGER AS b
      FROM range(${Math.trunc(samplePairs)}) t(i)
    )
    SELECT ${gCols}, count(*) AS n FROM (
      ${levelsQuery('s JOIN identity_records l ON l.rid = s.a JOIN identity_records r ON r.rid = s.b WHERE s.a <> s.b', [], comparisons)}
    ) GROUP BY ALL`);
  const counts = comparisons.map((c) => new Array(topLevel(c) + 1).fill(0) as number[]);
  for (const row of rows) {
    comparisons.forEach((c, f) => {
      const g = row[`g_${c.field}`] as number;
      if (g >= 0)
        (counts[f] as number[])[g] = ((counts[f] as number[])[g] as number) + (row.n as number);
    });
  }
  return counts;
}

/** P(two random non-null records share the value) = Σ c(c−1) / (N(N−1)). */
export async function exactAgreementRate(store: Store, column: string): Promise<number> {
  const row = await store.one<{ num: number; total: number }>(`
    SELECT sum(c * (c - 1))::DOUBLE AS num, sum(c)::DOUBLE AS total
    FROM (SELECT count(*) AS c FROM identity_records WHERE ${column} IS NOT NULL GROUP BY ${column})`);
  const total = row?.total ?? 0;
  if (total < 2) return 0;
  return (row?.num ?? 0) / (total * (total - 1));
}
