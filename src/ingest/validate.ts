// Builds the SQL that finds rejected staging rows: one reason per (row, column), plus duplicate
// natural keys within the file (the first occurrence wins).
import type { ColumnSpec } from '../store/index.js';
import { type CastOptions, rejectRules } from './casts.js';
import { sqlIdent, sqlString } from './sql-text.js';
import { STAGE } from './stage.js';

export const BAD = '_cx_bad';

/** Staged VARCHAR of a column, trimmed, '' as NULL. */
export function stagedValue(column: string): string {
  return `NULLIF(trim(s.${sqlIdent(column)}), '')`;
}

export function rejectsSql(mapped: { spec: ColumnSpec; column: string }[], options: CastOptions, ordinal: string): string {
  const parts: string[] = [];
  for (const { spec, column } of mapped) {
    const v = stagedValue(column);
    const rules = rejectRules(spec, v, options);
    if (rules.length === 0) continue;
    const code = `CASE ${rules.map((r) => `WHEN ${r.when} THEN ${sqlString(r.code)}`).join(' ')} END`;
    const reason = `CASE ${rules.map((r) => `WHEN ${r.when} THEN ${r.reason}`).join(' ')} END`;
    parts.push(
      `SELECT ${ordinal} AS rec, ${sqlString(spec.name)} AS field, ${sqlString(column)} AS col, left(s.${sqlIdent(column)}, 200) AS value, ${code} AS code, ${reason} AS reason, CAST(NULL AS BIGINT) AS first_rec FROM ${STAGE} s WHERE NOT s._blank AND (${rules.map((r) => `coalesce(${r.when}, false)`).join(' OR ')})`,
    );
  }
  const key = mapped.find((m) => m.spec.name === 'source_id');
  if (key) {
    const v = stagedValue(key.column);
    parts.push(
      `SELECT rec, 'source_id', ${sqlString(key.column)}, left(v, 200), 'INPUT_DUPLICATE_KEY', 'repeats the id of an earlier row in this file', first_rec FROM (SELECT ${ordinal} AS rec, ${v} AS v, min(${ordinal}) OVER (PARTITION BY ${v}) AS first_rec FROM ${STAGE} s WHERE NOT s._blank AND ${v} IS NOT NULL) WHERE rec > first_rec`,
    );
  }
  return `CREATE TEMP TABLE ${BAD} AS ${parts.join(' UNION ALL ')}`;
}
