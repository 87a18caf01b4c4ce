// Which persons an incremental score run must recompute, and the activity rows it reads for
// them. A person's signals as of a later date differ from the last run's only where
//   - a row with one of their keys was written since (activity_changes, read into xp_changes);
//   - a row entered the window (a date in (previous as-of, as-of]) or left it (its date in
//     (previous since, since]);
//   - a deadline or a dated fact passed in between: a delivery, a return, a promised day (judged
//     by calendar day, so a day of slack), a first response, a resolution, a reopen, an SLA due
//     time;
//   - one of their event keys' rows changed (event-keys.ts updates those from the events that
//     entered or left the window, checkout windows included, without reading the whole table).
// Everything else (the decay) is the same for every person and is applied by scaling. Each
// condition is over one row's own dates, so a filtered scan finds the keys; xp_dirty holds the
// persons (pidx) behind them, xp_src_* the activity rows those persons can own (a superset: rows
// are attached to persons, then kept for xp_dirty only) and xp_akeys the person index restricted
// to the keys those rows can attach by.
import { type ActivityTable, activityKeyExprs, type Store } from '../../store/index.js';
import type { ExperienceConfig } from './config.js';
import type { Sources } from './signals.js';
import { tsRangeSql } from './sql-literals.js';

/** The tables an incremental run reads instead of the entity tables. */
export const DIRTY_SOURCES: Sources = {
  orders: 'xp_src_orders',
  tickets: 'xp_src_tickets',
  survey_responses: 'xp_src_surveys',
  posts: 'xp_src_posts',
  ideas: 'xp_src_ideas',
};

const HOUR_MS = 3_600_000;

// Per table, the row dates whose passing can change a signal, each as a column and the offset
// (ms) its deadline lies after it (a ticket's SLA, a promised day's grace) and the slack (ms) the
// forward slice widens by below (promised days are judged by calendar day).
const dates = (config: ExperienceConfig): Record<Exclude<ActivityTable, 'events'>, DateCol[]> => {
  const grace = config.late_delivery.grace_hours * HOUR_MS;
  return {
    orders: [
      { col: 'placed_at' },
      { col: 'delivered_at' },
      { col: 'returned_at' },
      { col: 'promised_at', offset: grace, slack: 24 * HOUR_MS },
    ],
    tickets: [
      { col: 'opened_at' },
      { col: 'first_response_at' },
      { col: 'resolved_at' },
      { col: 'reopened_at' },
      { col: 'opened_at', offset: config.sla.first_response_hours * HOUR_MS },
      { col: 'opened_at', offset: config.sla.resolution_hours * HOUR_MS },
    ],
    survey_responses: [{ col: 'responded_at' }],
    posts: [{ col: 'posted_at' }],
    ideas: [{ col: 'created_at' }],
  };
};
interface DateCol {
  col: string;
  offset?: number;
  slack?: number;
}

/**
 * Marks the persons to recompute between the previous run and this one (as-of dates and window
 * starts), from xp_changes and the person index of the last run (score_keys); builds xp_dirty
 * (pidx: every person recomputed), xp_adirty (those whose activity rows are recomputed too; the
 * others' are read back), xp_dkeys (their keys), the xp_src_* tables (DIRTY_SOURCES) and the key
 * map the activity rows attach by (xp_akeys); expects xp_ek_keys and xp_id_dirty. Returns how
 * many persons are recomputed. Every slice is a plain range on one column (bounds moved by the column's
 * offset), so no row needs more than comparisons.
 */
export async function markDirtyPersons(
  store: Store,
  config: ExperienceConfig,
  w: { prevAsOf: Date; prevSince: Date; asOf: Date; since: Date },
): Promise<number> {
  const forward: [number, number] = [w.prevAsOf.getTime(), w.asOf.getTime()];
  const back: [number, number] = [w.prevSince.getTime(), w.since.getTime()];
  const range = (col: string, [lo, hi]: [number, number]) => tsRangeSql(`a.${col}`, lo, hi);
  const touched: string[] = [];
  const byTable = dates(config);
  for (const table of Object.keys(byTable) as (keyof typeof byTable)[]) {
    const conds = byTable[table].flatMap(({ col, offset = 0, slack = 0 }) => [
      range(col, [forward[0] - offset - slack, forward[1] - offset]),
      range(col, [back[0] - offset, back[1] - offset]),
    ]);
    // one pass over the table (ideas: one per key kind, a voter key is itself an unnest): the
    // ranges are cheap next to reading its keys
    const where = `WHERE (${conds.join(') OR (')})`;
    const keys = activityKeyExprs(table, 'a');
    if (table === 'ideas')
      for (const [k, v] of keys)
        touched.push(`SELECT ${k} AS key_kind, ${v} AS key FROM ${table} a ${where}`);
    else
      touched.push(
        `SELECT u.kk AS key_kind, u.k AS key FROM (SELECT unnest([${keys
          .map(([k, v]) => `{'kk': ${k}, 'k': ${v}}`)
          .join(', ')}]) AS u FROM ${table} a ${where})`,
      );
  }
  await store.run(`CREATE OR REPLACE TEMP TABLE xp_touched AS
    SELECT DISTINCT key_kind, key FROM (
      SELECT key_kind, key FROM xp_changes WHERE key_kind IN ('record', 'email')
      UNION ALL ${touched.join('\n      UNION ALL ')})
    WHERE key IS NOT NULL`);
  // the persons whose activity rows are recomputed: those keys', and those whose keys identity
  // moved (applyIdentityChanges); all recomputed persons add those whose event rows changed
  // (updateEventKeys), whose activity rows are read back from person_signal_rows
  await store.run(`CREATE OR REPLACE TEMP TABLE xp_adirty AS
    SELECT pidx FROM score_keys k SEMI JOIN xp_touched t ON k.key_kind = t.key_kind AND k.key = t.key
    UNION SELECT pidx FROM xp_id_dirty`);
  await store.run(`CREATE OR REPLACE TEMP TABLE xp_dirty AS
    SELECT pidx FROM xp_adirty UNION SELECT pidx FROM xp_ek_keys`);
  await store.run(`CREATE OR REPLACE TEMP TABLE xp_dkeys AS
    SELECT key_kind, key FROM score_keys WHERE pidx IN (SELECT pidx FROM xp_adirty)`);

  // the window, as literals so the scans filter on it
  const window = (col: string) => range(col, [w.since.getTime(), w.asOf.getTime()]);
  const keysOf = (kind: string) => `(SELECT key FROM xp_dkeys WHERE key_kind = '${kind}')`;
  const activity: [ActivityTable, string, string][] = [
    ['orders', 'xp_src_orders', 'placed_at'],
    ['tickets', 'xp_src_tickets', 'opened_at'],
    ['survey_responses', 'xp_src_surveys', 'responded_at'],
    ['posts', 'xp_src_posts', 'posted_at'],
    ['ideas', 'xp_src_ideas', 'created_at'],
  ];
  for (const [table, copy, at] of activity) {
    await store.run(`CREATE OR REPLACE TEMP TABLE ${copy} AS
      SELECT a.* FROM ${table} a
      WHERE ${window(at)} AND ((a.source || ':' || a.customer_id) IN ${keysOf('record')}
        OR cx_norm_email(a.customer_email) IN ${keysOf('email')})`);
  }
  // Activity rows are attached by record key, else e-mail: every key these rows name (a row of a
  // dirty person may name another person's record key, which must win as in a full run) and the
  // dirty persons' own (their votes on any idea).
  const named = activity.flatMap(([table, copy]) =>
    activityKeyExprs(table, 'a').map(
      ([k, v]) => `SELECT ${k} AS key_kind, ${v} AS key FROM ${copy} a`,
    ),
  );
  await store.run(`CREATE OR REPLACE TEMP TABLE xp_akeys AS
    SELECT k.key_kind, k.key, k.pidx FROM score_keys k
    SEMI JOIN (SELECT key_kind, key FROM xp_dkeys UNION ${named.join(' UNION ')}) r
      ON k.key_kind = r.key_kind AND k.key = r.key
    WHERE k.key_kind IN ('record', 'email')`);
  const n = await store.one<{ n: number }>('SELECT count(*) AS n FROM xp_dirty');
  return Number(n?.n ?? 0);
}
