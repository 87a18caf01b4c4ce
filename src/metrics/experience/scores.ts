// Experience and engagement scores, 0–100 per person, computed in DuckDB from the signals.
//   experience = clamp(base + Σ_s w_s · D_s, 0, 100)      D_s = Σ_occurrences value · 0.5^(age/half-life)
//   engagement = 100 · (1 − exp(−E / scale)),  E = Σ_s w_s · D_s over engagement actions
// Engagement contributions are its signals' shares of E times the score, so they sum to it
// exactly; experience contributions are the points themselves (plus a clamp line when the sum
// leaves 0..100). voice = Σ n over the voice signals (no decay). The quadrant is the first
// config rule that matches (rule.ts), else 'unclassified'. Assumes identity has run (person_keys).
// Steps, each a temp table: the person index (xp_pid, xp_keys, xp_akeys: signals.ts), xp_sig
// (signals in long form keyed by pidx), xp_pp (aggregatePersons: a handful of aggregates per
// person over xp_sig with the per-code weights, and the bit mask of the signals the person had);
// then scoresSql turns a per-person state table into scores and quadrants (its points may be
// decayed to an earlier date than the as-of: the scale brings them to it). scorePersons runs them
// all for one as-of date into temp tables; computeScores (score-run.ts) keeps the state between
// runs and defines person_scores as a view of scoresSql over it.
import { ConfigError, NotFoundError } from '../../lib/errors.js';
import { activitySpan, type Store } from '../../store/index.js';
import type { ExperienceConfig } from './config.js';
import { compileRule } from './rule.js';
import { loadSignalParams } from './signal-params.js';
import { buildPersonIndex, buildSignals, DECAY_SQL, signalCode } from './signals.js';
import { doubleLiteral, tsLiteral } from './sql-literals.js';

/** The latest activity in the store (the default as-of date), or undefined when empty. */
export async function latestActivity(store: Store): Promise<Date | undefined> {
  return (await activitySpan(store))?.last;
}

/** SQL CASE that names the quadrant of score row `s` (names are checked lower-case words). */
export function quadrantCaseSql(config: ExperienceConfig): string {
  const whens = config.quadrants.map((q) => {
    const c = compileRule(q.rule);
    if (c.params.length > 0) {
      throw new ConfigError(
        'CONFIG_BAD_QUADRANT',
        `quadrant "${q.name}": a quadrant rule cannot refer to quadrant`,
      );
    }
    if (!/^[a-z][a-z0-9_]*$/.test(q.name))
      throw new ConfigError('CONFIG_BAD_QUADRANT', `quadrant "${q.name}": not a lower-case name`);
    return `WHEN ${c.sql} THEN '${q.name}'`;
  });
  return `CASE ${whens.join(' ')} ELSE 'unclassified' END`;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

/** Throws SCORES_NO_PERSONS when identity has not made any person yet (scores are per person). */
export async function requirePersons(store: Store): Promise<number> {
  const persons = await store.one<{ n: number }>('SELECT count(*) AS n FROM persons');
  if (!persons || persons.n === 0) {
    throw new NotFoundError(
      'SCORES_NO_PERSONS',
      'no persons in the store: import customers or their activity (orders, tickets, surveys …) and run `cxlens identity resolve` first (scores are per person)',
    );
  }
  return Number(persons.n);
}

/**
 * xp_pp: per person (pidx) of xp_sig, the experience points and engagement sum (Σ weight ×
 * decayed), voice, bad signals, the latest bad signal and activity, the bit mask of the signals
 * the person had (bit c = code c) and the activity rows attributed to the person.
 */
export async function aggregatePersons(store: Store): Promise<void> {
  // the per-code weights as lists indexed by code + 1 (codes are 0..n): a lookup per row, where
  // a join with xp_w is planned blind on a table made in the same transaction
  await store.run(`CREATE OR REPLACE TEMP TABLE xp_pp AS
    WITH w AS (SELECT list(xw ORDER BY code) AS xw, list(gw ORDER BY code) AS gw, list(vf ORDER BY code) AS vf,
                 list(bad ORDER BY code) AS bad, list(act ORDER BY code) AS act FROM xp_w)
    SELECT g.pidx, coalesce(sum(g.d * w.xw[g.code + 1]), 0) AS exp_pts, coalesce(sum(g.d * w.gw[g.code + 1]), 0) AS eng_pts,
      CAST(sum(g.n * w.vf[g.code + 1]) AS BIGINT) AS voice, CAST(sum(g.n * w.bad[g.code + 1]) AS BIGINT) AS bad_signals,
      max(CASE WHEN w.bad[g.code + 1] = 1 THEN g.last_at END) AS bad_at, max(CASE WHEN w.act[g.code + 1] = 1 THEN g.last_at END) AS act_at,
      bit_or(CASE WHEN g.code > 0 THEN CAST(1 AS BIGINT) << g.code ELSE 0 END) AS signal_mask,
      CAST(coalesce(sum(g.n) FILTER (WHERE g.code = 0), 0) AS BIGINT) AS rows_n
    FROM xp_sig g, w WHERE g.pidx IS NOT NULL GROUP BY g.pidx`);
}

/** SQL: person of state row `s` had no return after a bad interaction, as of row `p`. */
export const NO_RETURN_SQL =
  'coalesce(s.bad_at + p.no_return <= p.as_of AND (s.act_at IS NULL OR s.act_at <= s.bad_at), false)';

/**
 * SQL selecting every person's scores (person_scores' columns) from a per-person state table
 * (person_id, pidx, exp_pts, eng_pts, voice, bad_signals, bad_at, act_at, signal_mask; NULLs read
 * as none) as of `asOf`, the state's points multiplied by `scale` (the decay from the date they
 * were decayed to to `asOf`), plus no_return_after_bad. Every parameter is a literal, so the SQL
 * can define a view: person_scores is one, over score_state, written by each score run.
 */
export function scoresSql(
  config: ExperienceConfig,
  state: 'xp_state' | 'score_state',
  asOf: Date,
  scale: number,
): string {
  const asUs = asOf.getTime() * 1000;
  const p = `SELECT ${tsLiteral(asOf.getTime())} AS as_of, ${doubleLiteral(asUs)} AS as_us,
    ${doubleLiteral(Math.LN2 / (config.half_life_days * 86400e6))} AS decay_per_us,
    to_microseconds(CAST(${Math.round(config.no_return_days * 86400e6)} AS BIGINT)) AS no_return,
    ${doubleLiteral(scale)} AS k, ${doubleLiteral(config.experience.base)} AS base, ${doubleLiteral(config.engagement.scale)} AS scale,
    ${doubleLiteral(config.experience.weights.no_return_after_bad)} AS w_nr`;
  const nr = NO_RETURN_SQL;
  return `SELECT s.person_id, s.as_of, s.experience, s.engagement, s.voice, s.bad_signals,
      ${quadrantCaseSql(config)} AS quadrant, s.last_active_at, s.pidx, s.signal_mask, s.engagement_raw
    FROM (
      SELECT person_id, pidx, as_of, least(100.0, greatest(0.0, base + exp_pts)) AS experience,
        100.0 * (1 - exp(-greatest(0, eng) / scale)) AS engagement, greatest(0, eng) AS engagement_raw,
        voice, bad_signals, last_active_at, signal_mask
      FROM (
        SELECT s.person_id, s.pidx, p.as_of, p.base, p.scale,
          coalesce(s.exp_pts, 0) * p.k + CASE WHEN ${nr} THEN p.w_nr * ${DECAY_SQL('s.bad_at')} ELSE 0 END AS exp_pts,
          coalesce(s.eng_pts, 0) * p.k AS eng, coalesce(s.voice, 0) AS voice, coalesce(s.bad_signals, 0) AS bad_signals,
          s.act_at AS last_active_at,
          coalesce(s.signal_mask, 0) | CASE WHEN ${nr} THEN CAST(1 AS BIGINT) << ${signalCode('no_return_after_bad')} ELSE 0 END AS signal_mask
        FROM ${state} s CROSS JOIN (${p}) p)
    ) s`;
}

/**
 * Scores every person as of `asOf` WITHOUT touching the stored scores: leaves the temp tables
 * xp_pid (person_id, pidx: the run's dense integer person index), xp_sig (long form: pidx, code,
 * n, d, last_at — one row per person, signal and source key, code = signalCode; code 0 rows hold
 * the activity, those with a NULL pidx the unattributed activity), xp_pp (per-person aggregates),
 * xp_state (every person with them) and xp_sc (person_id, as_of, experience, engagement, voice,
 * bad_signals, quadrant, last_active_at, engagement_raw, pidx, signal_mask: bit c set when the
 * person had signal code c), and, when `options.into` names one, a copy of xp_sc under that temp
 * table name (kept across later calls). Used by the quadrant trend and models that need scores as
 * of a past cut-off.
 */
export async function scorePersons(
  store: Store,
  config: ExperienceConfig,
  asOf: Date,
  options: { into?: string } = {},
): Promise<{ unattributed: number }> {
  if (options.into !== undefined && (!IDENT.test(options.into) || options.into.startsWith('xp_')))
    throw new ConfigError(
      'CONFIG_BAD_TABLE',
      `scorePersons into "${options.into}": expected a lower-case table name not starting with xp_`,
    );
  await requirePersons(store);
  await loadSignalParams(store, config, asOf);
  await buildPersonIndex(store);
  const { unattributed } = await buildSignals(store);
  await aggregatePersons(store);
  await store.run(`CREATE OR REPLACE TEMP TABLE xp_state AS
    SELECT x.person_id, x.pidx, g.* EXCLUDE (pidx) FROM xp_pid x LEFT JOIN xp_pp g USING (pidx)`);
  await store.run(
    `CREATE OR REPLACE TEMP TABLE xp_sc AS ${scoresSql(config, 'xp_state', asOf, 1)}`,
  );
  if (options.into)
    await store.run(`CREATE OR REPLACE TEMP TABLE ${options.into} AS SELECT * FROM xp_sc`);
  return { unattributed };
}
