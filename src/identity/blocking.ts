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

/** SQL selecting (a, b, mask) candidate pairs: a < b, mask = bit i set when rule i produced the pair. */
export function candidatePairsSql(
  rules: readonly BlockingRule[],
  options: CandidateSqlOptions,
): string {
  const parts = rules.map((rule, i) => {
    const notNull = rule.columns.map((c) => `${c} IS NOT NULL`).join(' AND ');
    const newOnly =
      options.newAfterRid === undefined
        ? ''
        : `AND (l.rid > ${Math.trunc(options.newAfterRid)} OR r.rid > ${Math.trunc(options.newAfterRid)})`;
    return `SELECT l.rid AS a, r.rid AS b, ${2 ** i} AS bit FROM
  (SELECT rid, hash(${rule.columns.join(', ')}) AS k, count(*) OVER (PARTITION BY hash(${rule.columns.join(', ')})) AS n
     FROM identity_records WHERE ${notNull}) l
  JOIN (SELECT rid, hash(${rule.columns.join(', ')}) AS k FROM identity_records WHERE ${notNull}) r
    ON l.k = r.k AND l.rid < r.rid
  WHERE l.n <= ${Math.trunc(options.maxBlockSize)} ${newOnly}`;
  });
  return `SELECT a, b, bit_or(bit)::INTEGER AS mask FROM (\n${parts.join('\nUNION ALL\n')}\n) GROUP BY a, b`;
}
