// Comparison levels per field for the Fellegi–Sunter model, as SQL over two aliased rows l and r
// of identity_records. Levels run from the most similar (highest number, e.g. exact) down to 0
// ("else": disagree); -1 means a value is missing on either side and is neutral (Bayes factor 1).
// The same SQL scores candidate pairs, estimates u on random pairs and explains one pair, so
// the three always agree.

export interface ComparisonLevel {
  label: string;
  /** Condition over {l} and {r} (the two values, both non-null) and {s} (the similarity). */
  when: string;
}

export interface Comparison {
  field: string;
  /** Column of identity_records that holds the normalised value. */
  column: string;
  /** Similarity computed once per pair (over {l}, {r}); levels read it as {s}. */
  similarity?: string;
  /** Levels from the most similar down; "else" (level 0) is implied. */
  levels: ComparisonLevel[];
  /** Term-frequency adjustment of the exact level (common values weigh less). */
  tfAdjust: boolean;
}

const JW = 'jaro_winkler_similarity({l}, {r})';
const jw = (t: number): ComparisonLevel => ({ label: `jaro_winkler >= ${t}`, when: `{s} >= ${t}` });
const exact: ComparisonLevel = { label: 'exact', when: '{l} = {r}' };
const lev = (k: number): ComparisonLevel => ({
  label: `levenshtein <= ${k}`,
  when: `levenshtein({l}, {r}) <= ${k}`,
});
const name = (field: string): Comparison => ({
  field,
  column: field,
  similarity: JW,
  levels: [exact, jw(0.92), jw(0.8)],
  tfAdjust: true,
});

export const COMPARISONS: readonly Comparison[] = [
  name('first_name'),
  name('last_name'),
  {
    field: 'birth_date',
    column: 'birth_date',
    levels: [
      exact,
      {
        label: 'day and month transposed',
        when: 'year({l}) = year({r}) AND month({l}) = day({r}) AND day({l}) = month({r})',
      },
      {
        label: 'two of day, month, year agree',
        when: '(year({l}) = year({r}))::INTEGER + (month({l}) = month({r}))::INTEGER + (day({l}) = day({r}))::INTEGER >= 2',
      },
      { label: 'same year', when: 'year({l}) = year({r})' },
    ],
    tfAdjust: false,
  },
  {
    field: 'address',
    column: 'address',
    similarity: JW,
    levels: [exact, jw(0.92), jw(0.8)],
    tfAdjust: false,
  },
  { field: 'postcode', column: 'postcode', levels: [exact, lev(1)], tfAdjust: true },
  name('city'),
  { field: 'national_id', column: 'national_id', levels: [exact, lev(2)], tfAdjust: false },
  { field: 'email', column: 'email', similarity: JW, levels: [exact, jw(0.92)], tfAdjust: false },
  { field: 'phone', column: 'phone', levels: [exact, lev(2)], tfAdjust: false },
];

/** Number of the top (most similar) level of a comparison. */
export function topLevel(c: Comparison): number {
  return c.levels.length;
}

/** Label of a level number (−1 missing, 0 else, 1..top). */
export function levelLabel(c: Comparison, level: number): string {
  if (level < 0) return 'missing';
  if (level === 0) return 'else';
  return c.levels[c.levels.length - level]?.label ?? `level ${level}`;
}

const fill = (sql: string, f: string) =>
  sql.replaceAll('{l}', `l_${f}`).replaceAll('{r}', `r_${f}`).replaceAll('{s}', `s_${f}`);

/** CASE expression giving the level of a pair, over the columns of comparisonInputsSql. */
export function levelSql(c: Comparison): string {
  const f = c.field;
  const whens = c.levels
    .map((lvl, i) => `WHEN ${fill(lvl.when, f)} THEN ${c.levels.length - i}`)
    .join(' ');
  return `CASE WHEN l_${f} IS NULL OR r_${f} IS NULL THEN -1 ${whens} ELSE 0 END`;
}

/**
 * Inner SELECT list over aliases l and r: both values per field (l_<field>, r_<field>) and the
 * similarity s_<field>, computed once per pair and skipped (1.0) when the values are equal.
 */
export function comparisonInputsSql(comparisons: readonly Comparison[] = COMPARISONS): string {
  return comparisons
    .map((c) => {
      const cols = `l.${c.column} AS l_${c.field}, r.${c.column} AS r_${c.field}`;
      if (!c.similarity) return cols;
      const sim = c.similarity
        .replaceAll('{l}', `l.${c.column}`)
        .replaceAll('{r}', `r.${c.column}`);
      return `${cols}, CASE WHEN l.${c.column} = r.${c.column} THEN 1.0 ELSE ${sim} END AS s_${c.field}`;
    })
    .join(',\n  ');
}

/**
 * A query giving g_<field> levels (TINYINT) for every pair of `from` (which must join aliases l
 * and r), plus the `keep` columns ('expr AS name'), which pass through by name.
 */
export function levelsQuery(
  from: string,
  keep: readonly string[] = [],
  comparisons: readonly Comparison[] = COMPARISONS,
): string {
  const names = keep.map((k) => k.split(/\s+AS\s+/i).pop() as string);
  const levels = comparisons.map((c) => `(${levelSql(c)})::TINYINT AS g_${c.field}`).join(',\n  ');
  const inner = [...keep, comparisonInputsSql(comparisons)].join(',\n  ');
  return `SELECT ${[...names, levels].join(', ')} FROM (SELECT ${inner} FROM ${from})`;
}
