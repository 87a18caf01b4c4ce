// The activity keys a write touched, logged to activity_changes so the next score run recomputes
// only the persons behind them (src/metrics/experience/score-run.ts). Keys are those persons are
// found by (src/identity/person-ref.ts): an event's user id, else its anonymous id; an activity
// row's record key (source:customer_id) and normalised e-mail; an idea's voters by record key.

/** Tables whose rows feed the experience signals, and so whose writes are logged. */
export const ACTIVITY_TABLES = [
  'events',
  'orders',
  'tickets',
  'survey_responses',
  'posts',
  'ideas',
] as const;
export type ActivityTable = (typeof ACTIVITY_TABLES)[number];

export const isActivityTable = (table: string): table is ActivityTable =>
  (ACTIVITY_TABLES as readonly string[]).includes(table);

/** (key_kind, key) expressions of row alias `a` of `table` (several where a row has several keys). */
export function activityKeyExprs(table: ActivityTable, a: string): [string, string][] {
  if (table === 'events')
    return [
      [
        `CASE WHEN ${a}.user_id IS NOT NULL THEN 'user_id' ELSE 'anonymous_id' END`,
        `coalesce(${a}.user_id, ${a}.anonymous_id)`,
      ],
    ];
  const keys: [string, string][] = [
    [`'record'`, `${a}.source || ':' || ${a}.customer_id`],
    [`'email'`, `cx_norm_email(${a}.customer_email)`],
  ];
  if (table === 'ideas') keys.push([`'record'`, `${a}.source || ':' || unnest(${a}.voter_ids)`]);
  return keys;
}

/**
 * SQL logging the activity keys of the rows `from` selects (a FROM … WHERE … clause in which
 * alias `a` is a row of `table`, or of a staged table with its columns). Events also log the
 * earliest timestamp written per key: a score run adds events newer than its last run from the
 * table itself, and recomputes a key only when an older one was written (a late arrival, an edit).
 */
export function logActivityChangesSql(table: ActivityTable, a: string, from: string): string {
  const at = table === 'events' ? `${a}.timestamp` : 'NULL::TIMESTAMP';
  const selects = activityKeyExprs(table, a).map(
    ([k, v]) => `SELECT ${k} AS k, ${v} AS v, ${at} AS at_ ${from}`,
  );
  return `INSERT INTO activity_changes (key_kind, key, event_at)
    SELECT k, v, min(at_) FROM (${selects.join(' UNION ALL ')}) WHERE v IS NOT NULL GROUP BY k, v`;
}
