// Experience and engagement scores, 0–100 per person, computed in DuckDB from the signals.
//   experience = clamp(base + Σ_s w_s · D_s, 0, 100)      D_s = Σ_occurrences value · 0.5^(age/half-life)
//   engagement = 100 · (1 − exp(−E / scale)),  E = Σ_s w_s · D_s over engagement actions
// Engagement contributions are its signals' shares of E times the score, so they sum to it
// exactly; experience contributions are the points themselves (plus a clamp line when the sum
// leaves 0..100). voice = Σ n over the voice signals (no decay). The quadrant is the first
// config rule that matches (rule.ts), else 'unclassified'. Assumes identity has run (person_keys).
// After the parameters: xp_pid (person_id → pidx, a dense INTEGER index built once per run) and
// xp_sig (signals in long form keyed by pidx, one row per person, signal and source key,
// signals.ts), xp_pp (a handful of aggregates per person over xp_sig JOIN xp_w, the per-code
// weights, and the bit mask of the signals the person had) and xp_sc (scores and quadrant);
// computeScores stores them as person_signals (the long rows; the points are weight × decayed,
// derived on read from the run's config), person_scores (with pidx, the join key) and
// partner_scores (the persons each partner reached).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ConfigError, NotFoundError } from '../../lib/errors.js';
import { activitySpan, type Store } from '../../store/index.js';
import type { ExperienceConfig } from './config.js';
import { compileRule } from './rule.js';
import { loadSignalParams } from './signal-params.js';
import { buildSignals, DECAY_SQL, signalCode } from './signals.js';
import { storePartnerScores } from './touchpoints.js';

export const ScoreRunSummary = z.object({
  runId: z.string(),
  asOf: z.date(),
  persons: z.number().int(),
  unattributed: z.number().int(),
  quadrants: z.record(z.string(), z.number().int()),
  meanExperience: z.number().nullable(),
  meanEngagement: z.number().nullable(),
  ms: z.number(),
});
export type ScoreRunSummary = z.infer<typeof ScoreRunSummary>;

/** The latest activity in the store (the default as-of date), or undefined when empty. */
export async function latestActivity(store: Store): Promise<Date | undefined> {
  return (await activitySpan(store))?.last;
}

/** SQL CASE that names the quadrant of person_scores row `s`, and its parameters. */
export function quadrantCaseSql(config: ExperienceConfig): { sql: string; params: string[] } {
  const params: string[] = [];
  const whens = config.quadrants.map((q) => {
    const c = compileRule(q.rule);
    if (c.params.length > 0) {
      throw new ConfigError(
        'CONFIG_BAD_QUADRANT',
        `quadrant "${q.name}": a quadrant rule cannot refer to quadrant`,
      );
    }
    params.push(q.name);
    return `WHEN ${c.sql} THEN ?`;
  });
  return { sql: `CASE ${whens.join(' ')} ELSE 'unclassified' END`, params };
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

/**
 * Scores every person as of `asOf` WITHOUT touching person_scores or person_signals: leaves the
 * temp tables xp_pid (person_id, pidx: the run's dense integer person index), xp_sig (long form:
 * pidx, code, n, d, last_at — one row per person, signal and source key, code = signalCode;
 * code 0 rows hold the activity, those with a NULL pidx the unattributed activity), xp_pp
 * (per-person aggregates, per pidx) and xp_sc (person_id, as_of,
 * experience, engagement, voice, bad_signals, quadrant, last_active_at, engagement_raw, pidx,
 * signal_mask: bit c set when the person had signal code c), and, when
 * `options.into` names one, a copy of xp_sc under that temp table name (kept across later calls).
 * Used by computeScores, the quadrant trend and models that need scores as of a past cut-off.
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
  const persons = await store.one<{ n: number }>('SELECT count(*) AS n FROM persons');
  if (!persons || persons.n === 0) {
    throw new NotFoundError(
      'SCORES_NO_PERSONS',
      'no persons in the store: import customers or their activity (orders, tickets, surveys …) and run `cxlens identity resolve` first (scores are per person)',
    );
  }
  await loadSignalParams(store, config, asOf);
  const { unattributed } = await buildSignals(store);
  // Per person, a handful of aggregates over the long signals joined to the per-code weights:
  // experience points, raw engagement, voice, bad signals, the latest bad signal and activity.
  const noReturn = 'bad_at + p.no_return <= p.as_of AND (act_at IS NULL OR act_at <= bad_at)';
  await store.run(`CREATE OR REPLACE TEMP TABLE xp_pp AS
    SELECT g.*, coalesce(${noReturn}, false) AS no_return FROM (
      SELECT g.pidx, sum(g.d * w.xw) AS exp_pts, sum(g.d * w.gw) AS eng,
        CAST(sum(g.n * w.vf) AS BIGINT) AS voice, CAST(sum(g.n * w.bad) AS BIGINT) AS bad_signals,
        max(CASE WHEN w.bad = 1 THEN g.last_at END) AS bad_at, max(CASE WHEN w.act = 1 THEN g.last_at END) AS act_at,
        bit_or(CASE WHEN g.code > 0 THEN CAST(1 AS BIGINT) << g.code ELSE 0 END) AS signal_mask
      FROM xp_sig g JOIN xp_w w USING (code) WHERE g.pidx IS NOT NULL GROUP BY g.pidx
    ) g, xp_p p`);
  const q = quadrantCaseSql(config);
  await store.run(
    `CREATE OR REPLACE TEMP TABLE xp_sc AS
     SELECT s.person_id, s.as_of, s.experience, s.engagement, s.voice, s.bad_signals, ${q.sql} AS quadrant,
       s.last_active_at, s.engagement_raw, s.pidx, s.signal_mask
     FROM (
       SELECT person_id, pidx, as_of, least(100.0, greatest(0.0, base + exp_pts)) AS experience,
         100.0 * (1 - exp(-greatest(0, eng) / scale)) AS engagement, greatest(0, eng) AS engagement_raw,
         voice, bad_signals, last_active_at, signal_mask
       FROM (
         SELECT x.person_id, x.pidx, p.as_of, w.base, w.scale,
           coalesce(g.exp_pts, 0) + CASE WHEN g.no_return THEN w.x_no_return_after_bad * ${DECAY_SQL('g.bad_at')} ELSE 0 END AS exp_pts,
           coalesce(g.eng, 0) AS eng, coalesce(g.voice, 0) AS voice, coalesce(g.bad_signals, 0) AS bad_signals,
           g.act_at AS last_active_at,
           coalesce(g.signal_mask, 0) | CASE WHEN g.no_return THEN CAST(1 AS BIGINT) << ${signalCode('no_return_after_bad')} ELSE 0 END AS signal_mask
         FROM xp_pid x CROSS JOIN xp_p p CROSS JOIN xp_wt w LEFT JOIN xp_pp g USING (pidx))
     ) s`,
    q.params,
  );
  // no_return_after_bad as a long row of its own, like every other signal
  await store.run(`INSERT INTO xp_sig
    SELECT g.pidx, ${signalCode('no_return_after_bad')}, 1, ${DECAY_SQL('g.bad_at')}, g.bad_at
    FROM xp_pp g, xp_p p WHERE g.no_return`);
  if (options.into)
    await store.run(`CREATE OR REPLACE TEMP TABLE ${options.into} AS SELECT * FROM xp_sc`);
  return { unattributed };
}

/**
 * Computes signals and scores as of `asOf` (default: the latest activity in the store) and
 * replaces person_signals and person_scores; records the run in score_runs.
 */
export async function computeScores(
  store: Store,
  config: ExperienceConfig,
  asOf?: Date,
): Promise<ScoreRunSummary> {
  const t0 = performance.now();
  const at = asOf ?? (await latestActivity(store));
  if (!at)
    throw new NotFoundError(
      'SCORES_NO_ACTIVITY',
      'no activity in the store: import orders, tickets, surveys or events first',
    );
  const { unattributed } = await scorePersons(store, config, at);
  const runId = randomUUID();
  await store.transaction(async () => {
    await store.run('DELETE FROM person_signals');
    await store.run(
      'INSERT INTO person_signals SELECT pidx, code, n, coalesce(d, 0), last_at FROM xp_sig WHERE code > 0 AND pidx IS NOT NULL',
    );
    await store.run('DELETE FROM person_scores');
    await store.run(`INSERT INTO person_scores
      SELECT person_id, as_of, experience, engagement, voice, bad_signals, quadrant, last_active_at,
        pidx, signal_mask, engagement_raw FROM xp_sc`);
    await storePartnerScores(store);
    await store.run(
      `INSERT INTO score_runs SELECT ?, ?, now(), (SELECT count(*) FROM xp_sc), ?, ?`,
      [runId, at, unattributed, JSON.stringify(config)],
    );
  });
  const rows = await store.all<{ quadrant: string; n: number; ex: number; en: number }>(
    'SELECT quadrant, count(*) AS n, avg(experience) AS ex, avg(engagement) AS en FROM person_scores GROUP BY GROUPING SETS ((quadrant), ()) ORDER BY quadrant NULLS FIRST',
  );
  const total = rows.find((r) => r.quadrant === null);
  const quadrants: Record<string, number> = {};
  for (const r of rows) if (r.quadrant !== null) quadrants[r.quadrant] = r.n;
  await store.run(
    'DROP TABLE IF EXISTS xp_sig; DROP TABLE IF EXISTS xp_sc; DROP TABLE IF EXISTS xp_pp; DROP TABLE IF EXISTS xp_keys; DROP TABLE IF EXISTS xp_akeys; DROP TABLE IF EXISTS xp_orders',
  );
  return {
    runId,
    asOf: at,
    persons: total?.n ?? 0,
    unattributed,
    quadrants,
    meanExperience: total?.ex ?? null,
    meanEngagement: total?.en ?? null,
    ms: Math.round(performance.now() - t0),
  };
}
