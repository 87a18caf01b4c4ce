// Scoring every candidate pair in DuckDB, in two passes so the costly similarities (Levenshtein
// on phones, Jaro–Winkler on long strings) run only on pairs that could still link:
//   1. every pair: the weights of the cheap fields, plus for each deferred field an upper bound
//      that needs only equality (exact weight when equal, 0 when missing, else the best
//      non-exact level's weight); pairs whose bound stays below the threshold's weight drop out.
//   2. survivors: the deferred fields' real levels and weights; keep w ≥ threshold weight.
// The bound never underestimates, so the links are exactly those of scoring every field of every
// pair (same level SQL as explainPair, comparisons.ts). Nothing but (a, b, p) of the links leaves
// DuckDB.
import type { Store } from '../store/index.js';
import { candidateFromSql } from './candidate-pairs.js';
import { type Comparison, levelsQuery, topLevel } from './comparisons.js';
import type { Edges } from './edges.js';
import { LINK_RULES, readEdges } from './edges.js';
import type { FieldParams } from './fellegi-sunter.js';
import {
  fieldBoundSql,
  fieldWeightSql,
  type IdentityModel,
  matchWeightSql,
  priorWeight,
} from './model.js';

/** Fields scored after the bound by default: the costly similarities. */
export const DEFERRED_FIELDS: readonly string[] = ['address', 'email', 'phone', 'national_id'];

/** A field can be deferred when its top level is plain equality (the bound relies on it). */
export function deferrableComparison(c: Comparison): boolean {
  return c.levels[0]?.when.replace(/\s+/g, '') === '{l}={r}';
}

const tfSql = (c: Comparison) =>
  `CASE WHEN l.${c.column} = r.${c.column} THEN l.tf_${c.field} END AS tf_${c.field}`;

/**
 * Probabilistic edges (a, b, p) with match weight ≥ minWeight over TEMP TABLE idc_cand, records
 * from idc_rec. Uses TEMP TABLE idc_surv for the survivors of the bound.
 */
export async function scorePairs(
  store: Store,
  model: IdentityModel,
  comparisons: readonly Comparison[],
  minWeight: number,
  deferredFields: readonly string[] = DEFERRED_FIELDS,
): Promise<Edges> {
  const rule = LINK_RULES.indexOf('probabilistic');
  const params = (c: Comparison) => model.fields[comparisons.indexOf(c)] as FieldParams;
  const deferred = comparisons.filter(
    (c) => deferredFields.includes(c.field) && deferrableComparison(c),
  );
  if (deferred.length === 0) {
    return readEdges(
      store,
      `SELECT a, b, 1 / (1 + pow(2, -w)) AS p, ${rule} AS rule
       FROM (SELECT a, b, ${matchWeightSql(model, comparisons)} AS w FROM (
         ${levelsQuery(candidateFromSql('idc_cand'), ['p.a AS a', 'p.b AS b', ...comparisons.filter((c) => c.tfAdjust).map(tfSql)], comparisons)}
       )) WHERE w >= ${minWeight}`,
    );
  }
  const cheap = comparisons.filter((c) => !deferred.includes(c));
  const keep1 = [
    'p.a AS a',
    'p.b AS b',
    ...comparisons.filter((c) => c.tfAdjust).map(tfSql),
    ...deferred.map(
      (c) =>
        `CASE WHEN l.${c.column} IS NULL OR r.${c.column} IS NULL THEN -1 WHEN l.${c.column} = r.${c.column} THEN ${topLevel(c)} ELSE 0 END AS h_${c.field}`,
    ),
  ];
  const cheapWeight = [`${priorWeight(model)}`, ...cheap.map((c) => fieldWeightSql(params(c), c))];
  const bound = deferred.map((c) => fieldBoundSql(params(c), c));
  await store.run(`CREATE OR REPLACE TEMP TABLE idc_surv AS
    SELECT a, b, wc FROM (
      SELECT a, b, ${cheapWeight.join(' + ')} AS wc, ${bound.join(' + ')} AS wd
      FROM (${levelsQuery(candidateFromSql('idc_cand'), keep1, cheap)})
    ) WHERE wc + wd >= ${minWeight - 1e-9}`);
  const keep2 = [
    'p.a AS a',
    'p.b AS b',
    'p.wc AS wc',
    ...deferred.filter((c) => c.tfAdjust).map(tfSql),
  ];
  const edges = await readEdges(
    store,
    `SELECT a, b, 1 / (1 + pow(2, -w)) AS p, ${rule} AS rule FROM (
       SELECT a, b, wc + ${deferred.map((c) => fieldWeightSql(params(c), c)).join(' + ')} AS w
       FROM (${levelsQuery(candidateFromSql('idc_surv'), keep2, deferred)})
     ) WHERE w >= ${minWeight}`,
  );
  await store.run('DROP TABLE IF EXISTS idc_surv');
  return edges;
}
