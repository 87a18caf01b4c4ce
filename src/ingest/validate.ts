// Validation and typing in one pass over the staging table: every cast is computed once, and a
// `_bad` flag marks rows to reject. Reasons (which column, why) are worked out afterwards only
// for the flagged rows, which are few, so clean files pay for one scan.
import type { ColumnSpec } from '../store/index.js';
import { badSql, type CastOptions, castSql, rejectRules } from './casts.js';
import { sqlIdent, sqlString } from './sql-text.js';
import { STAGE } from './stage.js';

export const TYPED = '_cx_typed';
export const BAD = '_cx_bad';

/** Staged VARCHAR of a column, trimmed, '' as NULL. */
export function stagedValue(column: string): string {
  return `NULLIF(trim(s.${sqlIdent(column)}), '')`;
}

export interface MappedColumn {
  spec: ColumnSpec;
  /** source column, or undefined when the field is not in the file */
  column: string | undefined;
}

export interface TypedPlan {
  source: string;
  columns: MappedColumn[];
  /** columns kept in `attributes` */
  extra: string[];
  ordinal: string;
  /** staging ordinals to leave out (lines the reader rejected) */
  skip: boolean;
}

/** CREATE the typed table: entity columns in table order, plus _rec (ordinal) and _bad. */
export function typedTableSql(plan: TypedPlan, options: CastOptions): string {
  const inner: string[] = [`${plan.ordinal} AS _rec`];
  const outer: string[] = [];
  const bad: string[] = [];
  for (const [i, { spec, column }] of plan.columns.entries()) {
    const name = sqlIdent(spec.name);
    if (spec.name === 'source') {
      outer.push(`${sqlString(plan.source)} AS source`);
      continue;
    }
    if (column !== undefined) {
      const raw = `__r${i}`;
      inner.push(`${stagedValue(column)} AS ${raw}`);
      inner.push(`${castSql(spec.meta.kind, stagedValue(column), spec, options)} AS ${name}`);
      outer.push(name);
      bad.push(badSql(spec, raw, name));
    } else if (spec.name === 'attributes' && plan.extra.length > 0) {
      const pairs = plan.extra.map((c) => `${sqlString(c)}, ${stagedValue(c)}`).join(', ');
      inner.push(`CAST(json_object(${pairs}) AS JSON) AS attributes`);
      outer.push('attributes');
    } else {
      outer.push(`CAST(NULL AS ${spec.sqlType}) AS ${name}`);
      if (spec.required) bad.push('true');
    }
  }
  const skip = plan.skip ? ` AND ${plan.ordinal} NOT IN (SELECT rec FROM _cx_skip)` : '';
  return `CREATE TEMP TABLE ${TYPED} AS SELECT ${outer.join(', ')}, _rec, (${bad.join(' OR ') || 'false'}) AS _bad FROM (SELECT ${inner.join(', ')} FROM ${STAGE} s WHERE NOT s._blank${skip})`;
}

/** Reasons for the flagged rows: one row per (record, column) that fails, first rule wins. */
export function rejectReasonsSql(plan: TypedPlan, options: CastOptions): string {
  const parts: string[] = [];
  const flagged = `${plan.ordinal} IN (SELECT _rec FROM ${TYPED} WHERE _bad)`;
  for (const { spec, column } of plan.columns) {
    if (column === undefined) continue;
    const v = stagedValue(column);
    const rules = rejectRules(spec, v, options);
    if (rules.length === 0) continue;
    const code = `CASE ${rules.map((r) => `WHEN ${r.when} THEN ${sqlString(r.code)}`).join(' ')} END`;
    const reason = `CASE ${rules.map((r) => `WHEN ${r.when} THEN ${r.reason}`).join(' ')} END`;
    parts.push(
      `SELECT ${plan.ordinal} AS rec, ${sqlString(column)} AS col, left(s.${sqlIdent(column)}, 200) AS value, ${code} AS code, ${reason} AS reason, CAST(NULL AS BIGINT) AS first_rec FROM ${STAGE} s WHERE ${flagged} AND (${rules.map((r) => `coalesce(${r.when}, false)`).join(' OR ')})`,
    );
  }
  return `CREATE TEMP TABLE ${BAD} AS ${parts.join(' UNION ALL ')}`;
}

/** Later rows whose natural key repeats an earlier accepted row of the same file. */
export function duplicatesSql(keyColumn: string): string {
  return `INSERT INTO ${BAD} SELECT t._rec, ${sqlString(keyColumn)}, left(t.source_id, 200), 'INPUT_DUPLICATE_KEY', 'repeats the id of an earlier row in this file', d.first_rec FROM ${TYPED} t JOIN (SELECT source_id, min(_rec) AS first_rec FROM ${TYPED} WHERE NOT _bad GROUP BY source_id HAVING count(*) > 1) d ON t.source_id = d.source_id WHERE NOT t._bad AND t._rec > d.first_rec`;
}
