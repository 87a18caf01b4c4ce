// Experience and engagement scores as of a past day, for the churn-risk features: the experience
// module's scorePersons computes them from rows dated up to that day into a temp table (never
// person_scores, which holds scores as of the data end and would carry the future into training
// rows). Uses the default experience config (config/experience.json); the silent at-risk flag is
// its quadrant `silent_at_risk` (bad experiences, no voice).

import type { Store } from '../../store/index.js';
import { loadExperienceConfig, scorePersons } from '../experience/index.js';
import { DAY_MS, isoDay } from './dates.js';

export type ScoresAsOf = { ok: true; table: string } | { ok: false; reason: string };

const SILENT_QUADRANT = 'silent_at_risk';

/**
 * Scores every person as of the end of day `asOf` into temp table `into` (person_id,
 * experience, engagement, silent_quadrant 0/1), or says why it cannot.
 */
export async function scoresAsOf(store: Store, asOf: Date, into: string): Promise<ScoresAsOf> {
  const persons = await store.one<{ n: number }>(
    'SELECT count(*) AS n FROM (SELECT 1 FROM persons LIMIT 1)',
  );
  if (!persons?.n)
    return {
      ok: false,
      reason: 'no persons in the store (experience scores need `cxlens identity resolve`)',
    };
  const raw = `${into}_raw`;
  try {
    // rows dated on or before the day count: as of its last millisecond
    await scorePersons(store, loadExperienceConfig(), new Date(asOf.getTime() + DAY_MS - 1), {
      into: raw,
    });
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    return { ok: false, reason: `experience scores as of ${isoDay(asOf)} failed: ${message}` };
  }
  await store.run(
    `CREATE OR REPLACE TEMP TABLE ${into} AS
     SELECT person_id, any_value(experience) AS experience, any_value(engagement) AS engagement,
       CAST(bool_or(quadrant = ?) AS DOUBLE) AS silent_quadrant
     FROM ${raw} WHERE person_id IS NOT NULL GROUP BY person_id`,
    [SILENT_QUADRANT],
  );
  await store.run(`DROP TABLE IF EXISTS ${raw}`);
  return { ok: true, table: into };
}
