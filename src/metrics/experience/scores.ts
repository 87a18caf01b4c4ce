// Experience and engagement scores, 0–100 per person, computed in DuckDB from the signals.
//   experience = clamp(base + Σ_s w_s · D_s, 0, 100)      D_s = Σ_occurrences value · 0.5^(age/half-life)
//   engagement = 100 · (1 − exp(−E / scale)),  E = Σ_s w_s · D_s over engagement actions
// Engagement contributions are its signals' shares of E times the score, so they sum to it
// exactly; experience contributions are the points themselves (plus a clamp line when the sum
// leaves 0..100). voice = Σ n over the voice signals (no decay). The quadrant is the first
// config rule that matches (rule.ts), else 'unclassified'. Assumes identity has run (person_keys).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ConfigError, NotFoundError } from '../../lib/errors.js';
import type { Store } from '../../store/index.js';
import type { ExperienceConfig } from './config.js';
import { compileRule } from './rule.js';
import { loadSignalParams } from './signal-params.js';
import { BAD_SIGNALS, buildSignals } from './signals.js';

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

const ACTIVITY_TIMES = [
  'SELECT max(timestamp) FROM events',
  'SELECT max(placed_at) FROM orders',
  'SELECT max(opened_at) FROM tickets',
  'SELECT max(responded_at) FROM survey_responses',
  'SELECT max(posted_at) FROM posts',
  'SELECT max(created_at) FROM ideas',
];

/** The latest activity in the store (the default as-of date), or undefined when empty. */
export async function latestActivity(store: Store): Promise<Date | undefined> {
  const row = await store.one<{ t: Date | null }>(
    `SELECT max(t) AS t FROM (${ACTIVITY_TIMES.map((q) => q.replace(') FROM', ') AS t FROM')).join(' UNION ALL ')})`,
  );
  return row?.t ?? undefined;
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

/**
 * Scores every person as of `asOf` into temp tables xp_ps (person × signal × family with points)
 * and xp_sc (one row per person with scores and quadrant). Used by computeScores and the trend.
 */
export async function scorePersons(
  store: Store,
  config: ExperienceConfig,
  asOf: Date,
): Promise<{ unattributed: number }> {
  const persons = await store.one<{ n: number }>('SELECT count(*) AS n FROM persons');
  if (!persons || persons.n === 0) {
    throw new NotFoundError(
      'SCORES_NO_PERSONS',
      'no persons in the store: import customers and run `cxlens identity resolve` first (scores are per person)',
    );
  }
  await loadSignalParams(store, config, asOf);
  const { unattributed } = await buildSignals(store);
  const bad = BAD_SIGNALS.map((s) => `'${s}'`).join(', ');
  await store.run(`CREATE OR REPLACE TEMP TABLE xp_ps0 AS
    SELECT s.person_id, s.signal, w.family, s.n, s.decayed, s.last_at, w.weight
    FROM xp_sig0 s JOIN xp_w w USING (signal)`);
  await store.run(
    `CREATE OR REPLACE TEMP TABLE xp_sc0 AS
     WITH e AS (SELECT person_id, sum(weight * decayed) AS pts, sum(n) FILTER (WHERE signal IN (${bad})) AS bad
                FROM xp_ps0 WHERE family = 'experience' GROUP BY ALL),
          g AS (SELECT person_id, sum(weight * decayed) AS eng FROM xp_ps0 WHERE family = 'engagement' GROUP BY ALL),
          v AS (SELECT person_id, sum(n) AS voice FROM xp_ps0 WHERE family = 'voice' GROUP BY ALL)
     SELECT p.person_id, x.as_of,
       least(100.0, greatest(0.0, CAST($1 AS DOUBLE) + coalesce(e.pts, 0))) AS experience,
       100.0 * (1 - exp(-greatest(0, coalesce(g.eng, 0)) / CAST($2 AS DOUBLE))) AS engagement,
       greatest(0, coalesce(g.eng, 0)) AS engagement_raw,
       CAST(coalesce(v.voice, 0) AS BIGINT) AS voice, CAST(coalesce(e.bad, 0) AS BIGINT) AS bad_signals,
       a.last_active_at
     FROM persons p CROSS JOIN xp_p x
     LEFT JOIN e USING (person_id) LEFT JOIN g USING (person_id) LEFT JOIN v USING (person_id)
     LEFT JOIN xp_active a USING (person_id)`,
    [config.experience.base, config.engagement.scale],
  );
  const q = quadrantCaseSql(config);
  await store.run(
    `CREATE OR REPLACE TEMP TABLE xp_sc AS
     SELECT s.person_id, s.as_of, s.experience, s.engagement, s.voice, s.bad_signals, ${q.sql} AS quadrant,
       s.last_active_at, s.engagement_raw
     FROM xp_sc0 s`,
    q.params,
  );
  await store.run(`CREATE OR REPLACE TEMP TABLE xp_ps AS
    SELECT f.person_id, f.signal, f.family, f.n, f.decayed, f.last_at, f.weight,
      CASE f.family
        WHEN 'experience' THEN f.weight * f.decayed
        WHEN 'engagement' THEN CASE WHEN s.engagement_raw > 0 THEN s.engagement * f.weight * f.decayed / s.engagement_raw ELSE 0 END
        ELSE 0 END AS points
    FROM xp_ps0 f JOIN xp_sc s USING (person_id)`);
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
      'INSERT INTO person_signals SELECT person_id, signal, family, n, decayed, last_at, weight, points FROM xp_ps',
    );
    await store.run('DELETE FROM person_scores');
    await store.run(`INSERT INTO person_scores
      SELECT person_id, as_of, experience, engagement, voice, bad_signals, quadrant, last_active_at FROM xp_sc`);
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
  await store.run('DROP TABLE IF EXISTS xp_ev; DROP TABLE IF EXISTS xp_occ');
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
