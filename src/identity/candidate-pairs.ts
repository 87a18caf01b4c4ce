// Candidate pairs and what comparing them needs: TEMP TABLE idc_cand (a, b, mask) from the
// blocking rules' union (blocking.ts), integers only; TEMP TABLE idc_rec with each record's
// compared columns and the term frequency of its TF values; the comparison patterns EM fits m on
// (all candidates, or a seeded sample when there are many); u's random-pair level counts and exact
// agreement rates. Comparison levels are computed by DuckDB with the SQL of comparisons.ts.
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

/**
 * Builds TEMP TABLE idc_cand(a, b, mask): the candidate pairs, integers only (no comparison yet),
 * and TEMP TABLE idc_rec: per record the compared columns plus tf_<field>, the term frequency of
 * the record's own value for TF fields (so an exact match reads it without a join on the value).
 * Returns the number of candidate pairs.
 */
export async function buildCandidatePairs(
  store: Store,
  rules: readonly BlockingRule[],
  comparisons: readonly Comparison[],
  options: CandidateOptions,
): Promise<number> {
  await store.run(`CREATE OR REPLACE TEMP TABLE idc_cand AS ${candidatePairsSql(rules, options)}`);
  const tfFields = comparisons.filter((c) => c.tfAdjust);
  const columns = [...new Set(comparisons.map((c) => c.column))];
  const tfCols = tfFields.map(
    (c) =>
      `(count(*) OVER (PARTITION BY ${c.column}) / count(${c.column}) OVER ())::DOUBLE AS tf_${c.field}`,
  );
  await store.run(`CREATE OR REPLACE TEMP TABLE idc_rec AS
    SELECT rid, ${[...columns, ...tfCols].join(', ')} FROM identity_records`);
  const row = await store.one<{ n: number }>('SELECT count(*) AS n FROM idc_cand');
  return row?.n ?? 0;
}

/** FROM clause over candidate pairs p (a, b, mask) with both records as l and r (idc_rec). */
export function candidateFromSql(pairs: string): string {
  return `${pairs} p JOIN idc_rec l ON l.rid = p.a JOIN idc_rec r ON r.rid = p.b`;
}

/**
 * Comparison patterns (level vector + rule mask) with counts, for EM: over all candidate pairs
 * when there are at most samplePairs of them, else over a seeded hash sample of about
 * samplePairs pairs with counts scaled up to the whole (so λ's fixed point still sees all pairs).
 */
export async function candidatePatterns(
  store: Store,
  comparisons: readonly Comparison[],
  total: number,
  samplePairs: number,
  seed: number,
): Promise<{ mask: number; count: number; levels: number[] }[]> {
  const gCols = comparisons.map((c) => `g_${c.field}`);
  const share = total > samplePairs ? samplePairs / total : 1;
  const pairs =
    share < 1
      ? `(SELECT * FROM idc_cand WHERE hash(a, b, ${Math.trunc(seed)}) < ${Math.floor(share * 2 ** 64)}::UBIGINT)`
      : 'idc_cand';
  const rows = await store.all<Record<string, number>>(
    `SELECT mask, ${gCols.join(', ')}, count(*) AS n FROM (
      ${levelsQuery(candidateFromSql(pairs), ['p.mask AS mask'], comparisons)}
    ) GROUP BY ALL`,
  );
  const sampled = rows.reduce((s, r) => s + (r.n as number), 0);
  const scale = share < 1 && sampled > 0 ? total / sampled : 1;
  return rows.map((r) => ({
    mask: r.mask as number,
    count: (r.n as number) * scale,
    levels: gCols.map((g) => r[g] as number),
  }));
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
