// Events per key (user id, else anonymous id), in long form: one row per key and code — 0 for
// the activity (n = events, last_at = the latest visit), else a signal code (n occurrences, d
// decayed to xp_p.as_of, last_at the latest). Every event counts as activity (a bare GROUP BY, no
// per-signal work). Only the events that carry a signal — track events whose name is in the tiny
// xp_ev_names table (an inner join: a semi-join on the name, which also maps it to the signal
// code), pages with a slow load time — are grouped per (key, code) with three aggregates.
// Checkout abandoned: a start with no completion by the same key within the checkout window (a
// completion at the same instant counts), once that window has passed. Each key's starts and
// completions are gathered as two lists in one GROUP BY and the starts with no completion are
// kept by a lambda — cheaper than a window over the key's checkout events, which needs a sort.
//
// A slice says which rows a pass counts: the whole window (a full run), or, for an incremental
// run (score-run.ts), the rows that entered the window since the last run (+1) or left it (−1),
// whose sums update the stored per-key rows (score_event_keys). Everything here is linear in the
// rows except checkout abandonment, whose slices gather every completion that can cover a start.
import type { Store } from '../../store/index.js';
import { DECAY_SQL, eventCode, signalCode } from './signal-codes.js';
import { doubleLiteral, tsLiteral, tsRangeSql } from './sql-literals.js';

export interface EventSlice {
  /** SQL condition on timestamp `t` of the rows counted as activity and signals */
  rows: (t: string) => string;
  /** SQL condition on timestamp `t` of the checkout starts and completions gathered */
  gather: (t: string) => string;
  /** SQL condition on a gathered start `s` that is judged (its window has passed) */
  starts: (s: string) => string;
  /** +1: the rows are added; −1: they are taken away (no latest date) */
  sign: 1 | -1;
}

/** The window of xp_p: what a full run counts. */
export const WINDOW_SLICE: EventSlice = {
  rows: (t) => `${t} > p.since AND ${t} <= p.as_of`,
  gather: (t) => `${t} > p.since AND ${t} <= p.as_of`,
  starts: (s) => `${s} + p.checkout_window <= p.as_of`,
  sign: 1,
};

/**
 * The two slices between a run at (since0, asOf0] and one at (since1, asOf1] with checkout window
 * `w` (ms): rows that entered (asOf0, asOf1] and starts whose window passed in between (still in
 * the new window), and rows that left (since0, since1] and the abandoned starts among them.
 */
export function deltaSlices(b: {
  since0: number;
  asOf0: number;
  since1: number;
  asOf1: number;
  w: number;
}): EventSlice[] {
  const r = tsRangeSql;
  return [
    {
      rows: (t) => r(t, b.asOf0, b.asOf1),
      gather: (t) => r(t, b.asOf0 - b.w, b.asOf1),
      starts: (s) =>
        `${s} > ${tsLiteral(b.since1)} AND ${s} > ${tsLiteral(b.asOf0 - b.w)} AND ${s} <= ${tsLiteral(b.asOf1 - b.w)}`,
      sign: 1,
    },
    {
      rows: (t) => r(t, b.since0, b.since1),
      gather: (t) => r(t, b.since0, b.since1 + b.w),
      starts: (s) => `${s} <= ${tsLiteral(b.since1)} AND ${s} <= ${tsLiteral(b.asOf0 - b.w)}`,
      sign: -1,
    },
  ];
}

/** SQL: key-level rows (key, is_user, code, n, d, last_at) of the events of `table` in `slice`. */
export function eventKeysSql(table: string, slice: EventSlice): string {
  const keyed = 'coalesce(e.user_id, e.anonymous_id) IS NOT NULL';
  const n = slice.sign > 0 ? 'n' : '-n';
  const d = slice.sign > 0 ? 'd' : '-d';
  const last = slice.sign > 0 ? 'last_at' : 'NULL::TIMESTAMP';
  const abandoned = signalCode('checkout_abandoned');
  return `SELECT key, is_user, code, CAST(${n} AS INTEGER) AS n, ${d} AS d, ${last} AS last_at FROM (
    SELECT coalesce(e.user_id, e.anonymous_id) AS key, e.user_id IS NOT NULL AS is_user, 0 AS code,
      count(*) AS n, NULL::DOUBLE AS d, max(e.timestamp) AS last_at
    FROM ${table} e, xp_p p
    WHERE ${slice.rows('e.timestamp')} AND ${keyed}
    GROUP BY ALL
    UNION ALL
    SELECT key, is_user, c, count(*), sum(${DECAY_SQL('t')}), max(t)
    FROM (
      SELECT coalesce(e.user_id, e.anonymous_id) AS key, e.user_id IS NOT NULL AS is_user, e.timestamp AS t, n.code AS c
      FROM ${table} e JOIN xp_ev_names n ON n.name = e.event, xp_p p
      WHERE e.type = 'track' AND ${slice.rows('e.timestamp')} AND ${keyed}
      UNION ALL
      SELECT coalesce(e.user_id, e.anonymous_id), e.user_id IS NOT NULL, e.timestamp, ${eventCode('slow_page')}
      FROM ${table} e, xp_p p
      WHERE e.type = 'page' AND e.properties IS NOT NULL AND ${slice.rows('e.timestamp')} AND ${keyed}
        AND TRY_CAST(json_extract_string(e.properties, p.slow_page_path) AS DOUBLE) > p.slow_page_ms
    ), xp_p p
    GROUP BY key, is_user, c
    UNION ALL
    SELECT key, is_user, ${abandoned}, len(ab), list_sum(list_transform(ab, s -> ${DECAY_SQL('s', '')})), list_max(ab)
    FROM (
      SELECT c.key, c.is_user, p.as_us, p.decay_per_us,
        list_filter(c.starts, s -> ${slice.starts('s')}
          AND NOT coalesce(list_bool_or(list_transform(c.dones, x -> x >= s AND x <= s + p.checkout_window)), false)) AS ab
      FROM (
        SELECT coalesce(e.user_id, e.anonymous_id) AS key, e.user_id IS NOT NULL AS is_user,
          list(e.timestamp) FILTER (WHERE n.list = 'checkout_started') AS starts,
          list(e.timestamp) FILTER (WHERE n.list = 'checkout_completed') AS dones
        FROM ${table} e JOIN xp_names n ON n.name = e.event AND n.list IN ('checkout_started', 'checkout_completed'), xp_p p
        WHERE e.type = 'track' AND ${slice.gather('e.timestamp')} AND ${keyed}
        GROUP BY ALL HAVING starts IS NOT NULL
      ) c, xp_p p
    )
    WHERE len(ab) > 0)`;
}

/**
 * Creates temp table `into` (pidx, key, is_user, code, n, d, last_at): the key-level rows of the
 * events of `table` in each slice, with the person of each key from `keys` (is_user, key, pidx).
 */
export async function eventKeysInto(
  store: Store,
  into: 'xp_ev_keys' | 'xp_ek_delta' | 'xp_ek_late',
  table: 'events' | 'xp_late_events',
  slices: readonly EventSlice[],
  keys: 'xp_keys' | 'xp_ek_index',
): Promise<void> {
  // DuckDB's common-subplan optimiser would materialise the track events shared by the signal
  // and checkout branches (millions of rows) instead of scanning twice, which is cheaper here.
  await store.run("SET disabled_optimizers = 'common_subplan'");
  try {
    await store.run(`CREATE OR REPLACE TEMP TABLE ${into} AS
      SELECT pk.pidx, k.* FROM (${slices.map((sl) => eventKeysSql(table, sl)).join(' UNION ALL ')}) k
      LEFT JOIN ${keys} pk ON pk.is_user = k.is_user AND pk.key = k.key`);
  } finally {
    await store.run('RESET disabled_optimizers');
  }
}

/**
 * An incremental run's update of score_event_keys (per-key rows decayed to the reference date,
 * `scale` being the decay from it to xp_p.as_of): appends the events that entered the window
 * since the last run and, negated, those that left (deltaSlices) as rows of their own — readers
 * net the rows and keep the codes whose count is above 0 (per person and code in buildSignals,
 * per key and code in EVENT_KEY_ROWS_SQL); a key
 * with events written at or before the last run's as-of date (a late arrival, an edited event:
 * xp_changes) has its rows replaced by a recount of all its events instead. Leaves xp_ek_keys
 * (pidx): the persons whose event rows changed. When the appended rows have grown the table by
 * half since it was last compacted, its rows are netted per key and code again; returns the row
 * count after a compaction (undefined when there was none).
 */
export async function updateEventKeys(
  store: Store,
  b: { since0: number; asOf0: number; since1: number; asOf1: number; w: number },
  scale: number,
  compactedRows: number,
): Promise<number | undefined> {
  await store.run(`CREATE OR REPLACE TEMP TABLE xp_late AS
    SELECT DISTINCT key_kind = 'user_id' AS is_user, key FROM xp_changes
    WHERE key_kind IN ('user_id', 'anonymous_id') AND (event_at IS NULL OR event_at <= ${tsLiteral(b.asOf0)})`);
  // the keys' persons, as score_keys holds them (identity changes applied first)
  await store.run(`CREATE OR REPLACE TEMP VIEW xp_ek_index AS
    SELECT key_kind = 'user_id' AS is_user, key, pidx FROM score_keys WHERE key_kind IN ('user_id', 'anonymous_id')`);
  await eventKeysInto(store, 'xp_ek_delta', 'events', deltaSlices(b), 'xp_ek_index');
  await store.run(
    'DELETE FROM xp_ek_delta d USING xp_late l WHERE l.is_user = d.is_user AND l.key = d.key',
  );
  const late = Number((await store.one<{ n: number }>('SELECT count(*) AS n FROM xp_late'))?.n);
  if (late > 0) {
    await store.run(`CREATE OR REPLACE TEMP TABLE xp_late_events AS
      SELECT e.type, e.event, e.user_id, e.anonymous_id, e.timestamp, e.properties
      FROM events e SEMI JOIN xp_late l ON l.is_user = (e.user_id IS NOT NULL) AND l.key = coalesce(e.user_id, e.anonymous_id)
      WHERE ${tsRangeSql('e.timestamp', b.since1, b.asOf1)}`);
    await eventKeysInto(store, 'xp_ek_late', 'xp_late_events', [WINDOW_SLICE], 'xp_ek_index');
    await store.run(
      'DELETE FROM score_event_keys s USING xp_late l WHERE l.is_user = s.is_user AND l.key = s.key',
    );
  } else {
    await store.run('CREATE OR REPLACE TEMP TABLE xp_ek_late AS SELECT * FROM xp_ek_delta LIMIT 0');
  }
  await store.run(`CREATE OR REPLACE TEMP TABLE xp_ek_keys AS
    SELECT DISTINCT pidx FROM xp_ek_delta WHERE pidx IS NOT NULL
    UNION SELECT pidx FROM xp_late l JOIN xp_ek_index i USING (is_user, key)`);
  const k = doubleLiteral(scale);
  await store.run(`INSERT INTO score_event_keys (is_user, key, pidx, code, n, d, last_at)
    SELECT is_user, key, pidx, code, n, d / ${k}, last_at FROM xp_ek_delta
    UNION ALL SELECT is_user, key, pidx, code, n, d / ${k}, last_at FROM xp_ek_late`);
  const rows = Number(
    (await store.one<{ n: number }>('SELECT count(*) AS n FROM score_event_keys'))?.n ?? 0,
  );
  if (rows <= 1.5 * compactedRows) return undefined;
  await store.run(`CREATE OR REPLACE TEMP TABLE xp_ek_compact AS ${EVENT_KEY_ROWS_SQL('true')}`);
  await store.run('DELETE FROM score_event_keys');
  await store.run(`INSERT INTO score_event_keys (is_user, key, pidx, code, n, d, last_at)
    SELECT is_user, key, pidx, code, n, d, last_at FROM xp_ek_compact`);
  return Number(
    (await store.one<{ n: number }>('SELECT count(*) AS n FROM xp_ek_compact'))?.n ?? 0,
  );
}

/**
 * SQL: score_event_keys netted per key and code for the rows where `where` holds: counts and
 * decayed counts summed, the latest occurrence (rows taken away have none; the occurrences that
 * leave the window are a key's oldest, so the latest of those left is the latest of all), and
 * only where occurrences are left.
 */
export const EVENT_KEY_ROWS_SQL = (where: string) => `
  SELECT is_user, key, any_value(pidx) AS pidx, code, CAST(sum(n) AS INTEGER) AS n, sum(d) AS d, max(last_at) AS last_at
  FROM score_event_keys WHERE ${where}
  GROUP BY is_user, key, code HAVING sum(n) > 0`;
