// `cxlens score explain <person>`: one person's scores decomposed into their contributions.
// Experience: the base, then each signal's points (weight × decayed count), then a clamp line
// when the sum left 0..100 — the lines sum to the score. Engagement: each action's share of the
// score (they sum to it exactly). Voice: the counts behind it.
import { z } from 'zod';
import { NotFoundError } from '../../lib/errors.js';
import type { Store } from '../../store/index.js';

export const Contribution = z.object({
  signal: z.string(),
  n: z.number().int(),
  decayed: z.number(),
  weight: z.number(),
  points: z.number(),
  lastAt: z.date().nullable(),
});
export type Contribution = z.infer<typeof Contribution>;

export const ScoreExplanation = z.object({
  personId: z.string(),
  asOf: z.date(),
  quadrant: z.string(),
  experience: z.object({
    score: z.number(),
    base: z.number(),
    clamp: z.number(),
    contributions: z.array(Contribution),
  }),
  engagement: z.object({ score: z.number(), contributions: z.array(Contribution) }),
  voice: z.object({ total: z.number().int(), contributions: z.array(Contribution) }),
});
export type ScoreExplanation = z.infer<typeof ScoreExplanation>;

interface SignalRow extends Record<string, unknown> {
  signal: string;
  family: string;
  n: number;
  decayed: number;
  weight: number;
  points: number;
  last_at: Date | null;
}

/** Explains the latest computeScores run for `personId` (a person_id from identity). */
export async function explainScore(store: Store, personId: string): Promise<ScoreExplanation> {
  const s = await store.one<{
    as_of: Date;
    experience: number;
    engagement: number;
    voice: number;
    quadrant: string;
  }>(
    'SELECT as_of, experience, engagement, voice, quadrant FROM person_scores WHERE person_id = ?',
    [personId],
  );
  if (!s) {
    throw new NotFoundError(
      'SCORE_NOT_FOUND',
      `person "${personId}": no score (expected a person_id from \`cxlens identity\`; run \`cxlens score compute\` first)`,
      { where: { field: 'person' } },
    );
  }
  const rows = await store.all<SignalRow>(
    'SELECT signal, family, n, decayed, weight, points, last_at FROM person_signals WHERE person_id = ? ORDER BY family, abs(points) DESC, signal',
    [personId],
  );
  const toContribution = (r: SignalRow): Contribution => ({
    signal: r.signal,
    n: r.n,
    decayed: r.decayed,
    weight: r.weight,
    points: r.points,
    lastAt: r.last_at,
  });
  const exp = rows.filter((r) => r.family === 'experience').map(toContribution);
  const run = await store.one<{ base: number | null }>(
    "SELECT CAST(json_extract(config, '$.experience.base') AS DOUBLE) AS base FROM score_runs ORDER BY computed_at DESC LIMIT 1",
  );
  const base = run?.base ?? 0;
  const raw = base + exp.reduce((sum, c) => sum + c.points, 0);
  return {
    personId,
    asOf: s.as_of,
    quadrant: s.quadrant,
    experience: { score: s.experience, base, clamp: s.experience - raw, contributions: exp },
    engagement: {
      score: s.engagement,
      contributions: rows.filter((r) => r.family === 'engagement').map(toContribution),
    },
    voice: {
      total: s.voice,
      contributions: rows.filter((r) => r.family === 'voice').map(toContribution),
    },
  };
}
