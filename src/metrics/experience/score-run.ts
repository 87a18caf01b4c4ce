// A score run: signals, scores and quadrants for every person, stored (person_scores,
// person_signals, partner_scores) and logged (score_runs). A run keeps its per-person state
// (score_state: the points decayed to the run chain's reference date, and what the quadrant and
// no_return_after_bad need), the person index (score_keys) and each person's partners
// (score_partners), so the next run can be incremental: it recomputes only the persons whose
// inputs changed (dirty-persons.ts) and carries everyone else forward — all decays share one
// half-life, so a person's decayed points at a later date are the stored ones × 0.5^(Δt / h). A
// run is full when there is nothing to carry: the first run, another config, an earlier as-of
// date, fewer rows in a table (rows deleted outside cxlens), a reference date more than a window
// back, or when asked (`--full`). After an identity run the person index is brought up to date
// (person-index-diff.ts) and the persons whose keys moved are recomputed. Both modes give
// the same scores (score-run.test.ts compares them).
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { NotFoundError } from '../../lib/errors.js';
import { ACTIVITY_TABLES, type Store } from '../../store/index.js';
import type { ExperienceConfig } from './config.js';
import { DIRTY_SOURCES, markDirtyPersons } from './dirty-persons.js';
import { updateEventKeys } from './event-keys.js';
import { applyIdentityChanges } from './person-index-diff.js';
import {
  aggregatePersons,
  latestActivity,
  NO_RETURN_SQL,
  requirePersons,
  scoresSql,
} from './scores.js';
import { loadSignalParams } from './signal-params.js';
import {
  buildPersonIndex,
  buildSignals,
  DECAY_SQL,
  dropTemp,
  loadPersonIndex,
  signalCode,
  WINDOW_ROWS_SQL,
} from './signals.js';
import { doubleLiteral } from './sql-literals.js';

export const ScoreRunSummary = z.object({
  runId: z.string(),
  asOf: z.date(),
  /** full: every person's signals computed; incremental: only those whose inputs changed */
  mode: z.enum(['full', 'incremental']),
  /** why the run was full (undefined for incremental runs) */
  fullReason: z.string().optional(),
  /** persons whose signals this run computed */
  recomputed: z.number().int(),
  persons: z.number().int(),
  unattributed: z.number().int(),
  quadrants: z.record(z.string(), z.number().int()),
  meanExperience: z.number().nullable(),
  meanEngagement: z.number().nullable(),
  ms: z.number(),
});
export type ScoreRunSummary = z.infer<typeof ScoreRunSummary>;

const DAY_MS = 86_400_000;
const NO_RETURN = signalCode('no_return_after_bad');

// below this, dividing decayed counts back to the reference date would lose their precision
const MIN_SCALE = 1e-6;

/** 0.5^((to − from) / half-life): what decayed counts at `from` are worth at `to`. */
const decayScale = (from: Date, to: Date, config: ExperienceConfig) =>
  0.5 ** ((to.getTime() - from.getTime()) / (config.half_life_days * DAY_MS));

interface PreviousRun {
  asOf: Date;
  /** score_event_keys' rows when they were last netted (a full run or a compaction) */
  eventKeyRows: number;
  decayRef: Date | null;
  config: unknown;
  identityRun: string | null;
  tableRows: Record<string, number> | null;
}

async function previousRun(store: Store): Promise<PreviousRun | undefined> {
  const r = await store.one<{
    as_of: Date;
    decay_ref: Date | null;
    config: string;
    identity_run: string | null;
    table_rows: string | null;
    event_key_rows: number | null;
  }>(
    `SELECT as_of, decay_ref, CAST(config AS VARCHAR) AS config, identity_run,
       CAST(table_rows AS VARCHAR) AS table_rows, event_key_rows
     FROM score_runs ORDER BY computed_at DESC LIMIT 1`,
  );
  if (!r) return undefined;
  return {
    asOf: r.as_of,
    eventKeyRows: Number(r.event_key_rows ?? 0),
    decayRef: r.decay_ref,
    config: JSON.parse(r.config),
    identityRun: r.identity_run,
    tableRows: r.table_rows ? (JSON.parse(r.table_rows) as Record<string, number>) : null,
  };
}

/** Why this run cannot carry the previous one forward, or undefined when it can. */
function fullRunReason(
  prev: PreviousRun | undefined,
  now: {
    config: ExperienceConfig;
    asOf: Date;
    identityRun: string | null;
    tableRows: Record<string, number>;
    stateRows: number;
    persons: number;
  },
): string | undefined {
  if (!prev || prev.decayRef === null || now.stateRows === 0) return 'no earlier run to carry on';
  if (!isDeepStrictEqual(prev.config, JSON.parse(JSON.stringify(now.config))))
    return 'the configuration changed';
  if (now.asOf < prev.asOf) return 'the as-of date is before the last run';
  if (now.asOf.getTime() - prev.decayRef.getTime() > now.config.lookback_days * DAY_MS)
    return 'the last full run is more than a window back';
  // the rows entering and leaving the window must not overlap, nor a checkout window span both
  if (
    now.asOf.getTime() - prev.asOf.getTime() >=
    now.config.lookback_days * DAY_MS - now.config.checkout.window_hours * 3_600_000
  )
    return 'the last run is about a window back';
  if (decayScale(prev.decayRef, now.asOf, now.config) < MIN_SCALE)
    return 'the stored points have decayed too far to rescale';
  // with identity unchanged, the state has one row per person; else the state is checked by
  // applyIdentityChanges
  if (prev.identityRun === now.identityRun && now.stateRows !== now.persons)
    return 'the stored state does not match the persons';
  for (const [table, n] of Object.entries(now.tableRows))
    if (n < (prev.tableRows?.[table] ?? Number.POSITIVE_INFINITY))
      return `rows were deleted from ${table}`;
  return undefined;
}

/**
 * Computes signals and scores as of `asOf` (default: the latest activity in the store), stores
 * them and records the run in score_runs: incrementally where the last run can be carried forward
 * (see the header), else in full (always with `options.full`).
 */
export async function computeScores(
  store: Store,
  config: ExperienceConfig,
  asOf?: Date,
  options: { full?: boolean } = {},
): Promise<ScoreRunSummary> {
  const t0 = performance.now();
  const at = asOf ?? (await latestActivity(store));
  if (!at)
    throw new NotFoundError(
      'SCORES_NO_ACTIVITY',
      'no activity in the store: import orders, tickets, surveys or events first',
    );
  const persons = await requirePersons(store);
  try {
    return await run(store, config, at, persons, options.full === true, t0);
  } finally {
    await dropTemp(store, RUN_TEMP);
  }
}

// the run's temp tables and views (the parameters, xp_p …, stay: they are tiny)
const RUN_TEMP = [
  'xp_sig',
  'xp_state',
  'xp_ev_keys',
  'xp_late',
  'xp_late_events',
  'xp_ek_index',
  'xp_ek_delta',
  'xp_ek_late',
  'xp_ek_keys',
  'xp_ek_compact',
  'xp_touched',
  'xp_sc',
  'xp_pp',
  'xp_new_state',
  'xp_orders',
  'xp_changes',
  'xp_dirty',
  'xp_dkeys',
  'xp_adirty',
  'xp_id_dirty',
  'xp_id_gone',
  'xp_keys_now',
  'xp_keys_moved',
  'xp_pid',
  'xp_keys',
  'xp_akeys',
  ...Object.values(DIRTY_SOURCES),
];

async function run(
  store: Store,
  config: ExperienceConfig,
  at: Date,
  persons: number,
  full: boolean,
  t0: number,
): Promise<ScoreRunSummary> {
  await loadSignalParams(store, config, at);
  // the queue of written keys this run folds in (deleted with the run's writes)
  await store.run(
    'CREATE OR REPLACE TEMP TABLE xp_changes AS SELECT seq, key_kind, key, event_at FROM activity_changes',
  );
  const counts = await store.one<Record<string, number>>(
    `SELECT ${ACTIVITY_TABLES.map((t) => `(SELECT count(*) FROM ${t}) AS ${t}`).join(', ')}`,
  );
  const tableRows = Object.fromEntries(ACTIVITY_TABLES.map((t) => [t, Number(counts?.[t] ?? 0)]));
  const identityRun =
    (
      await store.one<{ id: string }>(
        'SELECT run_id AS id FROM identity_runs ORDER BY finished_at DESC LIMIT 1',
      )
    )?.id ?? null;
  const stateRows = Number(
    (await store.one<{ n: number }>('SELECT count(*) AS n FROM score_state'))?.n ?? 0,
  );
  const prev = await previousRun(store);
  const reason = full
    ? 'asked for'
    : fullRunReason(prev, { config, asOf: at, identityRun, tableRows, stateRows, persons });
  const mode = reason === undefined ? 'incremental' : 'full';

  // the reference date stored decayed counts are decayed to, and the scale from it to `at`
  const decayRef = mode === 'incremental' && prev?.decayRef ? prev.decayRef : at;
  const scale = decayScale(decayRef, at, config);
  const k = doubleLiteral(scale);
  let recomputed = persons;
  let eventKeyRows = 0;
  let unattributed = 0;
  const runId = randomUUID();
  // the recomputed persons' new state, decayed back to the reference date
  const newState = async () => {
    await aggregatePersons(store);
    const recomputedPersons = mode === 'full' ? 'xp_pid' : 'xp_dirty d JOIN xp_pid USING (pidx)';
    await store.run(`CREATE OR REPLACE TEMP TABLE xp_new_state AS
      SELECT pidx, person_id, coalesce(g.exp_pts, 0) / ${k} AS exp_pts, coalesce(g.eng_pts, 0) / ${k} AS eng_pts,
        coalesce(g.voice, 0) AS voice, coalesce(g.bad_signals, 0) AS bad_signals, g.bad_at, g.act_at,
        coalesce(g.signal_mask, 0) AS signal_mask, coalesce(g.rows_n, 0) AS rows_n
      FROM ${recomputedPersons} LEFT JOIN xp_pp g USING (pidx)`);
  };
  // A full run computes before its transaction (it reads nothing it writes); an incremental one
  // inside it, as it updates the stored event rows before reading them.
  if (mode === 'full') {
    await buildPersonIndex(store);
    unattributed = (await buildSignals(store)).unattributed;
    await newState();
  }
  // One transaction: the stored state moves from the last run to this one, or not at all.
  await store.transaction(async () => {
    // the rows replaced: every person's, or the recomputed and removed persons'
    const only =
      mode === 'full'
        ? ''
        : ' WHERE pidx IN (SELECT pidx FROM xp_dirty UNION ALL SELECT pidx FROM xp_id_gone)';
    if (mode === 'full') {
      await store.run('DELETE FROM score_keys');
      await store.run(`INSERT INTO score_keys
        SELECT CASE WHEN is_user THEN 'user_id' ELSE 'anonymous_id' END, key, pidx FROM xp_keys
        UNION ALL SELECT key_kind, key, pidx FROM xp_akeys`);
      await store.run('DELETE FROM score_event_keys');
      await store.run(`INSERT INTO score_event_keys (is_user, key, pidx, code, n, d, last_at)
        SELECT is_user, key, pidx, code, n, d, last_at FROM xp_ev_keys`);
      eventKeyRows = Number(
        (await store.one<{ n: number }>('SELECT count(*) AS n FROM xp_ev_keys'))?.n ?? 0,
      );
    } else {
      const window = config.lookback_days * DAY_MS;
      const asOf0 = (prev as PreviousRun).asOf.getTime();
      if ((prev as PreviousRun).identityRun !== identityRun) await applyIdentityChanges(store);
      else {
        await loadPersonIndex(store);
        await store.run('CREATE OR REPLACE TEMP TABLE xp_id_dirty AS SELECT 0 AS pidx WHERE false');
        await store.run('CREATE OR REPLACE TEMP TABLE xp_id_gone AS SELECT 0 AS pidx WHERE false');
      }
      eventKeyRows =
        (await updateEventKeys(
          store,
          {
            since0: asOf0 - window,
            asOf0,
            since1: at.getTime() - window,
            asOf1: at.getTime(),
            w: config.checkout.window_hours * 3_600_000,
          },
          scale,
          (prev as PreviousRun).eventKeyRows,
        )) ?? (prev as PreviousRun).eventKeyRows;
      recomputed = await markDirtyPersons(store, config, {
        prevAsOf: new Date(asOf0),
        prevSince: new Date(asOf0 - window),
        asOf: at,
        since: new Date(at.getTime() - window),
      });
      await buildSignals(store, 'dirty', DIRTY_SOURCES, scale);
      await newState();
    }
    await store.run(`DELETE FROM score_state${only}`);
    await store.run('INSERT INTO score_state SELECT * FROM xp_new_state');
    // signal rows: events' (code > 0) of every recomputed person, activity rows (their code 0
    // rows too, read back by later runs) of those whose activity was recomputed
    const activity =
      mode === 'full'
        ? ''
        : ' WHERE pidx IN (SELECT pidx FROM xp_adirty UNION ALL SELECT pidx FROM xp_id_gone)';
    await store.run(
      mode === 'full'
        ? 'DELETE FROM person_signal_rows'
        : // one join: every row of the persons recomputed whole or removed, the event rows of the others
          `DELETE FROM person_signal_rows g USING (
             SELECT pidx, bool_or(whole) AS whole FROM (
               SELECT pidx, true AS whole FROM xp_adirty UNION ALL SELECT pidx, true FROM xp_id_gone
               UNION ALL SELECT pidx, false FROM xp_dirty) GROUP BY pidx) x
           WHERE x.pidx = g.pidx AND (x.whole OR g.part = 0)`,
    );
    await store.run(`INSERT INTO person_signal_rows (pidx, signal, n, d, last_at, part)
      SELECT pidx, code, n, coalesce(d, 0) / ${k}, last_at, part FROM xp_sig
      WHERE pidx IS NOT NULL AND (part = 0 AND code > 0
        OR part = 1${mode === 'full' ? '' : ' AND pidx IN (SELECT pidx FROM xp_adirty)'})`);
    await store.run(`DELETE FROM score_partners${activity}`);
    await store.run(
      'INSERT INTO score_partners SELECT DISTINCT pidx, unnest(partners) FROM xp_orders WHERE pidx IS NOT NULL',
    );
    if (mode === 'incremental') {
      const n = await store.one<{ n: number }>(
        `SELECT (${WINDOW_ROWS_SQL}) - (SELECT coalesce(sum(rows_n), 0) FROM score_state) AS n`,
      );
      unattributed = Number(n?.n ?? 0);
    }
    // every person's scores: a view computing them from the state with this run's parameters
    // (no 1M-row write per run), and no_return_after_bad, which turns on with time alone
    await store.run(
      `CREATE OR REPLACE VIEW person_scores AS ${scoresSql(config, 'score_state', at, scale)}`,
    );
    await store.run(`DELETE FROM person_signal_rows WHERE signal = ${NO_RETURN}`);
    await store.run(`INSERT INTO person_signal_rows (pidx, signal, n, d, last_at, part)
      SELECT s.pidx, ${NO_RETURN}, 1, ${DECAY_SQL('s.bad_at')} / ${k}, s.bad_at, 2
      FROM score_state s, xp_p p WHERE ${NO_RETURN_SQL}`);
    await store.run('DELETE FROM partner_scores');
    await store.run(`INSERT INTO partner_scores
      SELECT o.partner_id, count(*), avg(s.experience), avg(s.engagement)
      FROM score_partners o JOIN person_scores s USING (pidx)
      GROUP BY o.partner_id`);
    await store.run(
      `INSERT INTO score_runs (run_id, as_of, computed_at, persons, unattributed, config, mode,
         decay_ref, d_scale, identity_run, table_rows, recomputed, event_key_rows)
       SELECT ?, ?, now(), (SELECT count(*) FROM score_state), ?, ?, ?, ?, ?, ?, ?, ?, ?`,
      [
        runId,
        at,
        unattributed,
        JSON.stringify(config),
        mode,
        decayRef,
        scale,
        identityRun,
        JSON.stringify(tableRows),
        recomputed,
        eventKeyRows,
      ],
    );
    await store.run('DELETE FROM activity_changes WHERE seq IN (SELECT seq FROM xp_changes)');
  });
  const rows = await store.all<{ quadrant: string; n: number; ex: number; en: number }>(
    'SELECT quadrant, count(*) AS n, avg(experience) AS ex, avg(engagement) AS en FROM person_scores GROUP BY GROUPING SETS ((quadrant), ()) ORDER BY quadrant NULLS FIRST',
  );
  const total = rows.find((r) => r.quadrant === null);
  const quadrants: Record<string, number> = {};
  for (const r of rows) if (r.quadrant !== null) quadrants[r.quadrant] = r.n;
  await dropTemp(store, RUN_TEMP);
  return {
    runId,
    asOf: at,
    mode,
    ...(reason === undefined ? {} : { fullReason: reason }),
    recomputed,
    persons: total?.n ?? 0,
    unattributed,
    quadrants,
    meanExperience: total?.ex ?? null,
    meanEngagement: total?.en ?? null,
    ms: Math.round(performance.now() - t0),
  };
}
