// The experience × engagement scatter of the latest computeScores run: the quadrant sizes and one
// point per person (scores rounded to 0.1). Past `maxPoints` persons (default 5000) the points are
// a reservoir sample of exactly that many, with a fixed seed, so the same data draws the same
// points every time. DuckDB cannot bind the sample size, so it is checked to be a whole number
// before it goes into the SQL text; nothing else is spliced.
import { z } from 'zod';
import { InputError } from '../../lib/errors.js';
import type { Store } from '../../store/index.js';
import { QuadrantCount, quadrantSummary } from './quadrants.js';

/** At most this many persons are drawn in the scatter (a fixed-seed sample beyond it). */
export const SCATTER_MAX_POINTS = 5000;
const SAMPLE_SEED = 42;

export const ScorePoint = z.object({
  personId: z.string(),
  quadrant: z.string(),
  experience: z.number(),
  engagement: z.number(),
});
export type ScorePoint = z.infer<typeof ScorePoint>;

export const ScoreScatter = z.object({
  quadrants: z.array(QuadrantCount),
  points: z.array(ScorePoint),
  /** True when points is a sample of maxPoints persons. */
  sampled: z.boolean(),
});
export type ScoreScatter = z.infer<typeof ScoreScatter>;

export interface ScoreScatterOptions {
  /** Most points drawn (default SCATTER_MAX_POINTS); a whole number ≥ 1. */
  maxPoints?: number;
}

/** Quadrant sizes and the persons' (experience, engagement) points, sampled past maxPoints. */
export async function scoreScatter(
  store: Store,
  options: ScoreScatterOptions = {},
): Promise<ScoreScatter> {
  const maxPoints = options.maxPoints ?? SCATTER_MAX_POINTS;
  if (!Number.isSafeInteger(maxPoints) || maxPoints < 1) {
    throw new InputError(
      'INPUT_BAD_OPTION',
      `maxPoints ${maxPoints}: not a whole number ≥ 1 (expected e.g. ${SCATTER_MAX_POINTS})`,
      { where: { field: 'maxPoints' } },
    );
  }
  const quadrants = await quadrantSummary(store);
  const total = quadrants.reduce((n, q) => n + q.persons, 0);
  const sampled = total > maxPoints;
  const rows = await store.all<{
    person_id: string;
    quadrant: string;
    experience: number;
    engagement: number;
  }>(
    `SELECT person_id, quadrant, round(experience, 1) AS experience, round(engagement, 1) AS engagement
     FROM person_scores${sampled ? ` USING SAMPLE reservoir(${maxPoints} ROWS) REPEATABLE (${SAMPLE_SEED})` : ''}`,
  );
  const points = rows.map((r) => ({
    personId: r.person_id,
    quadrant: r.quadrant,
    experience: r.experience,
    engagement: r.engagement,
  }));
  return { quadrants, points, sampled };
}
