// `cxlens score explain <person>`: one person's scores decomposed into their contributions.
// Experience: the base, then each signal's points (weight × decayed count), then a clamp line
// when the sum left 0..100 — the lines sum to the score. Engagement: each action's share of the
// score (they sum to it exactly). Voice: the counts behind it. Points are derived from the
// person's rows of person_signals (long form) and the weights of the run that computed it (score_runs).
import { z } from 'zod';
import { NotFoundError } from '../../lib/errors.js';
import type { Store } from '../../store/index.js';
import {
  ENGAGEMENT_SIGNALS,
  EXPERIENCE_SIGNALS,
  loadExperienceConfig,
  VOICE_SIGNALS,
} from './config.js';
import { latestRunConfig } from './run-config.js';
import { type Signal, signalOfCode } from './signals.js';

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

/** Explains the latest computeScores run for `personId` (a person_id from identity). */
export async function explainScore(store: Store, personId: string): Promise<ScoreExplanation> {
  const s = await store.one<{
    as_of: Date;
    experience: number;
    engagement: number;
    voice: number;
    quadrant: string;
    pidx: number;
  }>(
    'SELECT as_of, experience, engagement, voice, quadrant, pidx FROM person_scores WHERE person_id = ?',
    [personId],
  );
  if (!s) {
    throw new NotFoundError(
      'SCORE_NOT_FOUND',
      `person "${personId}": no score (expected a person_id from \`cxlens identity\`; run \`cxlens score compute\` first)`,
      { where: { field: 'person' } },
    );
  }
  // a signal may have several rows (one per key or source it came through): summed here
  const rows = await store.all<{ signal: number; n: number; d: number; last_at: Date | null }>(
    'SELECT signal, sum(n) AS n, sum(d) AS d, max(last_at) AS last_at FROM person_signals WHERE pidx = ? GROUP BY signal',
    [s.pidx],
  );
  const bySignal = new Map(rows.map((r) => [signalOfCode(Number(r.signal)), r]));
  const config = (await latestRunConfig(store)) ?? loadExperienceConfig();
  const signal = (name: Signal, weight: number) => {
    const r = bySignal.get(name);
    return {
      signal: name,
      n: Number(r?.n ?? 0),
      decayed: Number(r?.d ?? 0),
      weight,
      points: 0,
      lastAt: r?.last_at instanceof Date ? r.last_at : null,
    };
  };
  const present = (c: Contribution) => c.n > 0;
  const byPoints = (a: Contribution, b: Contribution) =>
    Math.abs(b.points) - Math.abs(a.points) || a.signal.localeCompare(b.signal);
  const exp = EXPERIENCE_SIGNALS.map((n) => signal(n, config.experience.weights[n]))
    .filter(present)
    .map((c) => ({ ...c, points: c.weight * c.decayed }))
    .sort(byPoints);
  const eng = ENGAGEMENT_SIGNALS.map((n) => signal(n, config.engagement.weights[n])).filter(
    present,
  );
  const raw = eng.reduce((sum, c) => sum + c.weight * c.decayed, 0);
  const engagement = eng
    .map((c) => ({ ...c, points: raw > 0 ? (s.engagement * c.weight * c.decayed) / raw : 0 }))
    .sort(byPoints);
  const voice = VOICE_SIGNALS.filter((v) => config.voice.signals.includes(v))
    .map((n) => signal(n, 1))
    .filter(present)
    .sort((a, b) => a.signal.localeCompare(b.signal));
  const base = config.experience.base;
  const total = base + exp.reduce((sum, c) => sum + c.points, 0);
  return {
    personId,
    asOf: s.as_of,
    quadrant: s.quadrant,
    experience: { score: s.experience, base, clamp: s.experience - total, contributions: exp },
    engagement: { score: s.engagement, contributions: engagement },
    voice: { total: s.voice, contributions: voice },
  };
}
