// Blocking: which pairs of records are compared at all. A pair is a candidate when it agrees on
// every column of at least one rule (the union of the rules). Each rule also names the
// comparison fields it conditions on: EM does not re-estimate those fields on that rule's pairs
// (Splink's training rule), because the rule forces them to agree. Keys shared by more than
// maxBlockSize records are skipped (a key that common carries little evidence and would add
// pairs quadratically); see docs/theory/identity.md for the choice of rules.

export interface BlockingRule {
  name: string;
  /** identity_records columns that must be equal (and non-null). */
  columns: string[];
  /** Comparison fields whose agreement the rule forces or strongly correlates with. */
  conditions: string[];
}

export const BLOCKING_RULES: readonly BlockingRule[] = [
  { name: 'email_local', columns: ['email_local'], conditions: ['email'] },
  { name: 'phone_tail', columns: ['phone_tail'], conditions: ['phone'] },
  {
    name: 'postcode_initial',
    columns: ['postcode', 'first_initial'],
    conditions: ['postcode', 'city', 'first_name'],
  },
  {
    name: 'surname_key_initial_year',
    columns: ['last_key', 'first_initial', 'birth_year'],
    conditions: ['last_name', 'first_name', 'birth_date'],
  },
  {
    name: 'birth_date_initial',
    columns: ['birth_date', 'first_initial'],
    conditions: ['birth_date', 'first_name'],
  },
  {
    name: 'full_name',
    columns: ['first_name', 'last_name'],
    conditions: ['first_name', 'last_name'],
  },
  { name: 'national_id', columns: ['national_id'], conditions: ['national_id'] },
];

export interface CandidateSqlOptions {
  maxBlockSize: number;
  /** Incremental runs: only pairs where one side has rid > this (a new record). */
  newAfterRid?: number;
}

/**
 * SQL selecting (a, b, mask) candidate pairs: a < b, mask = bit i set when rule i produced the pair.
 * Per rule, each record's key is hashed once, blocks are counted once, and records in singleton or
 * oversized blocks are dropped before the self-join; the union is deduplicated on one BIGINT
 * (a << 32 | b), which aggregates faster than two INTEGER keys.
 */
export function candidatePairsSql(
  rules: readonly BlockingRule[],
  options: CandidateSqlOptions,
): string {
  const max = Math.trunc(options.maxBlockSize);
  const ctes = rules.map((rule, i) => {
    const notNull = rule.columns.map((c) => `${c} IS NOT NULL`).join(' AND ');
    return `idb_${i} AS MATERIALIZED (
    SELECT rid, k FROM (
      SELECT rid, k, count(*) OVER (PARTITION BY k) AS n
      FROM (SELECT rid, hash(${rule.columns.join(', ')}) AS k FROM identity_records WHERE ${notNull})
    ) WHERE n BETWEEN 2 AND ${max})`;
  });
  const newOnly =
    options.newAfterRid === undefined
      ? ''
      : `AND (l.rid > ${Math.trunc(options.newAfterRid)} OR r.rid > ${Math.trunc(options.newAfterRid)})`;
  const parts = rules.map(
    (_, i) => `SELECT (l.rid::BIGINT << 32) | r.rid AS ab, ${2 ** i} AS bit
  FROM idb_${i} l JOIN idb_${i} r ON l.k = r.k AND l.rid < r.rid ${newOnly}`,
  );
  return `WITH ${ctes.join(',\n  ')}
SELECT (ab >> 32)::INTEGER AS a, (ab & 4294967295)::INTEGER AS b, bit_or(bit)::INTEGER AS mask FROM (
${parts.join('\nUNION ALL\n')}
) GROUP BY ab`;
}
