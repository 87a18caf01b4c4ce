// The mix: experience × engagement/voice quadrants (rules in config, first match wins), their
// sizes now, their trend over time and each quadrant's later churn. Churn of a quadrant at T:
// among its persons active in (T − H, T], the share with no activity at all in (T, T + H]
// (H = churn.horizon_days); NULL while T + H is past the end of the data. The share carries a
// Wilson interval. Assumes "no activity" means gone (no visit, order, ticket, answer or post).
import { z } from 'zod';
import { attachPersonSql } from '../../identity/index.js';
import { activitySpan, orderIsPurchaseSql, type Store } from '../../store/index.js';
import { wilsonInterval } from '../stats/proportion.js';
import type { ExperienceConfig } from './config.js';
import { scorePersons } from './scores.js';

export const QuadrantCount = z.object({
  quadrant: z.string(),
  persons: z.number().int(),
  share: z.number(),
  meanExperience: z.number().nullable(),
  meanEngagement: z.number().nullable(),
  meanVoice: z.number().nullable(),
});
export type QuadrantCount = z.infer<typeof QuadrantCount>;

/** Quadrant sizes of the latest computeScores run. */
export async function quadrantSummary(store: Store): Promise<QuadrantCount[]> {
  const rows = await store.all<{
    quadrant: string;
    persons: number;
    ex: number;
    en: number;
    vo: number;
    total: number;
  }>(
    `SELECT quadrant, count(*) AS persons, avg(experience) AS ex, avg(engagement) AS en, avg(voice) AS vo,
       sum(count(*)) OVER () AS total
     FROM person_scores GROUP BY quadrant ORDER BY persons DESC`,
  );
  return rows.map((r) => ({
    quadrant: r.quadrant,
    persons: r.persons,
    share: r.persons / r.total,
    meanExperience: r.ex,
    meanEngagement: r.en,
    meanVoice: r.vo,
  }));
}

export const QuadrantTrendRow = z.object({
  asOf: z.date(),
  quadrant: z.string(),
  persons: z.number().int(),
  active: z.number().int(),
  churned: z.number().int().nullable(),
  churnRate: z.number().nullable(),
  churnLow: z.number().nullable(),
  churnHigh: z.number().nullable(),
});
export type QuadrantTrendRow = z.infer<typeof QuadrantTrendRow>;

export const QuadrantTrendOptions = z.object({
  /** Days between as-of dates (default 30). */
  everyDays: z.number().int().min(1).default(30),
  /** At most this many as-of dates, ending at the latest activity (default 6). */
  points: z.number().int().min(1).max(60).default(6),
});
export type QuadrantTrendOptions = z.input<typeof QuadrantTrendOptions>;

const O = attachPersonSql('activity', 'o');
const T = attachPersonSql('activity', 't');
const S = attachPersonSql('activity', 's');
const X = attachPersonSql('activity', 'x');
const I = attachPersonSql('activity', 'i');

async function buildActivityDays(store: Store): Promise<void> {
  // One row per person and day with any activity (visit, order, ticket, answer, post, idea): the
  // timeline churn is read from. Each table is reduced to distinct (key, day) before attaching.
  await store.run(`CREATE OR REPLACE TEMP TABLE xp_days AS
    SELECT DISTINCT person_id, day FROM (
      SELECT pk.person_id, e.day FROM (
        SELECT user_id, anonymous_id, CAST(timestamp AS DATE) AS day FROM events GROUP BY ALL) e
      JOIN person_keys pk ON (pk.key_kind = 'user_id' AND pk.key = e.user_id)
        OR (e.user_id IS NULL AND pk.key_kind = 'anonymous_id' AND pk.key = e.anonymous_id)
      UNION ALL SELECT ${O.personId}, o.day FROM (SELECT source, customer_id, customer_email, CAST(placed_at AS DATE) AS day
        FROM orders o WHERE ${orderIsPurchaseSql('o')} GROUP BY ALL) o ${O.joins}
      UNION ALL SELECT ${T.personId}, t.day FROM (SELECT source, customer_id, customer_email, CAST(opened_at AS DATE) AS day
        FROM tickets GROUP BY ALL) t ${T.joins}
      UNION ALL SELECT ${S.personId}, s.day FROM (SELECT source, customer_id, customer_email, CAST(responded_at AS DATE) AS day
        FROM survey_responses WHERE score IS NOT NULL GROUP BY ALL) s ${S.joins}
      UNION ALL SELECT ${X.personId}, x.day FROM (SELECT source, customer_id, customer_email, CAST(posted_at AS DATE) AS day
        FROM posts GROUP BY ALL) x ${X.joins}
      UNION ALL SELECT ${I.personId}, i.day FROM (SELECT source, customer_id, customer_email, CAST(created_at AS DATE) AS day
        FROM ideas GROUP BY ALL) i ${I.joins}
    ) WHERE person_id IS NOT NULL AND day IS NOT NULL`);
}

/**
 * Scores every person at several as-of dates, counts each quadrant and measures its churn in
 * the following horizon; writes quadrant_trend and returns its rows (oldest first).
 */
export async function computeQuadrantTrend(
  store: Store,
  config: ExperienceConfig,
  options: QuadrantTrendOptions = {},
): Promise<QuadrantTrendRow[]> {
  const opts = QuadrantTrendOptions.parse(options);
  const span = await activitySpan(store);
  if (!span) return [];
  const end = span.last;
  const horizon = config.churn.horizon_days;
  // dates before the first activity would count everyone at the base score, with nobody active
  const dates: Date[] = [];
  for (let k = opts.points - 1; k >= 0; k--) {
    const at = new Date(end.getTime() - k * opts.everyDays * 86_400_000);
    if (at >= span.first) dates.push(at);
  }
  await buildActivityDays(store);
  await store.run('DELETE FROM quadrant_trend');
  for (const asOf of dates) {
    await scorePersons(store, config, asOf);
    const observable = asOf.getTime() + horizon * 86_400_000 <= end.getTime();
    const rows = await store.all<{
      quadrant: string;
      persons: number;
      active: number;
      churned: number;
    }>(
      `WITH s AS (SELECT * FROM xp_sc),
       act AS (
         SELECT s.person_id,
           bool_or(d.day > CAST(s.as_of AS DATE) - CAST(? AS INTEGER) AND d.day <= CAST(s.as_of AS DATE)) AS active,
           bool_or(d.day > CAST(s.as_of AS DATE) AND d.day <= CAST(s.as_of AS DATE) + CAST(? AS INTEGER)) AS later
         FROM s JOIN xp_days d USING (person_id) GROUP BY ALL)
       SELECT s.quadrant, count(*) AS persons, count(*) FILTER (WHERE act.active) AS active,
         count(*) FILTER (WHERE act.active AND NOT act.later) AS churned
       FROM s LEFT JOIN act USING (person_id) GROUP BY ALL ORDER BY quadrant`,
      [horizon, horizon],
    );
    for (const r of rows) {
      await store.run('INSERT INTO quadrant_trend VALUES (?, ?, ?, ?, ?, ?)', [
        asOf,
        r.quadrant,
        r.persons,
        r.active,
        observable ? r.churned : null,
        horizon,
      ]);
    }
  }
  return readQuadrantTrend(store);
}

/** The quadrant trend stored by the latest computeQuadrantTrend run (oldest first). */
export async function readQuadrantTrend(store: Store): Promise<QuadrantTrendRow[]> {
  const rows = await store.all<{
    as_of: Date;
    quadrant: string;
    persons: number;
    active: number;
    churned: number | null;
  }>(
    'SELECT as_of, quadrant, persons, active, churned FROM quadrant_trend ORDER BY as_of, quadrant',
  );
  return rows.map((r) => {
    const w = r.churned === null ? null : wilsonInterval(r.churned, r.active);
    return {
      asOf: r.as_of,
      quadrant: r.quadrant,
      persons: r.persons,
      active: r.active,
      churned: r.churned,
      churnRate: w?.rate ?? null,
      churnLow: w?.low ?? null,
      churnHigh: w?.high ?? null,
    };
  });
}
