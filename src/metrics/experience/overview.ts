// `cxlens report overview`: every KPI and score over all persons from the latest computeScores
// run — score distributions, quadrants, each signal's reach, overall NPS/CSAT/CES with intervals,
// partners and touchpoints.
import { z } from 'zod';
import type { Store } from '../../store/index.js';
import { CesResult, cesFromSummary } from './ces.js';
import { ENGAGEMENT_SIGNALS, EXPERIENCE_SIGNALS, VOICE_SIGNALS } from './config.js';
import { CsatResult, csatFromCounts } from './csat.js';
import { NpsResult, npsFromCounts } from './nps.js';
import { QuadrantCount, quadrantSummary } from './quadrants.js';
import { latestRunConfig } from './run-config.js';
import { type SignalTotals, signalTotals } from './signal-totals.js';
import { SIGNALS, type Signal, signalCode } from './signals.js';
import {
  PartnerRow,
  partnerReport,
  TouchpointRow,
  touchpointPersonsSql,
  touchpointReport,
} from './touchpoints.js';

const Distribution = z.object({
  mean: z.number().nullable(),
  p10: z.number().nullable(),
  p25: z.number().nullable(),
  median: z.number().nullable(),
  p75: z.number().nullable(),
  p90: z.number().nullable(),
});

export const SignalReach = z.object({
  signal: z.string(),
  family: z.string(),
  persons: z.number().int(),
  occurrences: z.number().int(),
  points: z.number(),
});
export type SignalReach = z.infer<typeof SignalReach>;

export const Overview = z.object({
  asOf: z.date().nullable(),
  persons: z.number().int(),
  experience: Distribution,
  engagement: Distribution,
  quadrants: z.array(QuadrantCount),
  signals: z.array(SignalReach),
  surveys: z.object({
    nps: NpsResult,
    csat: CsatResult,
    ces: CesResult,
    invitations: z.number().int(),
    answers: z.number().int(),
  }),
  partners: z.array(PartnerRow),
  touchpoints: z.array(TouchpointRow),
});
export type Overview = z.infer<typeof Overview>;

/**
 * Each signal's reach per family: persons with it (from each person's signal_mask), occurrences
 * and points (experience: weight × decayed; engagement: each person's share of their engagement
 * score; voice: 0) from person_signals. Only signals someone had, ordered by family and points.
 */
async function signalReach(
  store: Store,
  totals: SignalTotals,
  reach: Record<string, number | null> | undefined,
): Promise<SignalReach[]> {
  const config = await latestRunConfig(store);
  if (!config) return [];
  const families: { family: string; signal: Signal; weight: number }[] = [
    ...EXPERIENCE_SIGNALS.map((signal) => ({
      family: 'experience',
      signal,
      weight: config.experience.weights[signal],
    })),
    ...ENGAGEMENT_SIGNALS.map((signal) => ({
      family: 'engagement',
      signal,
      weight: config.engagement.weights[signal],
    })),
    ...VOICE_SIGNALS.filter((v) => config.voice.signals.includes(v)).map((signal) => ({
      family: 'voice',
      signal,
      weight: 0,
    })),
  ];
  // the codes are ours (integers); the weights are applied here, not in SQL
  const engCodes = ENGAGEMENT_SIGNALS.map(signalCode);
  const persons =
    reach ??
    (await store.one<Record<string, number | null>>(`SELECT ${REACH_SQL} FROM person_scores`));
  const shares = await store.all<{ signal: number; share: number }>(
    `SELECT g.signal, sum(g.d * s.engagement / s.engagement_raw) AS share
     FROM person_signals g JOIN person_scores s ON s.pidx = g.pidx
     WHERE g.signal IN (${engCodes.join(', ')}) AND s.engagement_raw > 0 GROUP BY g.signal`,
  );
  const share = new Map(shares.map((t) => [Number(t.signal), Number(t.share)]));
  const out: SignalReach[] = families
    .map((f) => {
      const code = signalCode(f.signal);
      const t = totals.get(code);
      const points =
        f.family === 'experience'
          ? f.weight * (t?.decayed ?? 0)
          : f.family === 'engagement'
            ? f.weight * (share.get(code) ?? 0)
            : 0;
      return {
        signal: f.signal,
        family: f.family,
        persons: Number(persons?.[`p${code}`] ?? 0),
        occurrences: t?.occurrences ?? 0,
        points,
      };
    })
    .filter((x) => x.persons > 0);
  return out.sort((a, b) => a.family.localeCompare(b.family) || a.points - b.points);
}

/** SQL select list over person_scores: the persons who had each signal code c (p{c}). */
const REACH_SQL = SIGNALS.map((s) => signalCode(s))
  .map((c) => `sum(CAST((signal_mask >> ${c}) & 1 AS INTEGER)) AS p${c}`)
  .join(', ');

const dist = (col: 'experience' | 'engagement') =>
  `avg(${col}) AS ${col}_mean, quantile_cont(${col}, [0.1, 0.25, 0.5, 0.75, 0.9]) AS ${col}_q`;

export async function overviewReport(store: Store): Promise<Overview> {
  const s = await store.one<{
    as_of: Date | null;
    persons: number;
    experience_mean: number | null;
    experience_q: number[] | null;
    engagement_mean: number | null;
    engagement_q: number[] | null;
  }>(
    // one pass over every person: distributions, each signal's reach, each touchpoint's persons
    `SELECT max(as_of) AS as_of, count(*) AS persons, ${dist('experience')}, ${dist('engagement')},
       ${REACH_SQL}, ${touchpointPersonsSql()} FROM person_scores`,
  );
  const toDist = (mean: number | null | undefined, q: number[] | null | undefined) => ({
    mean: mean ?? null,
    p10: q?.[0] ?? null,
    p25: q?.[1] ?? null,
    median: q?.[2] ?? null,
    p75: q?.[3] ?? null,
    p90: q?.[4] ?? null,
  });
  const totals = await signalTotals(store);
  const perPerson = (s ?? undefined) as Record<string, number | null> | undefined;
  const signals = await signalReach(store, totals, perPerson);
  const sv = await store.one<{
    inv: number;
    ans: number;
    p: number;
    pa: number;
    d: number;
    cs: number;
    cn: number;
    en: number;
    em: number | null;
    esd: number | null;
  }>(
    `SELECT count(*) AS inv, count(*) FILTER (WHERE responded_at IS NOT NULL AND score IS NOT NULL) AS ans,
       count(*) FILTER (WHERE kind = 'nps' AND score >= 9 AND score <= 10 AND responded_at IS NOT NULL) AS p,
       count(*) FILTER (WHERE kind = 'nps' AND score >= 7 AND score < 9 AND responded_at IS NOT NULL) AS pa,
       count(*) FILTER (WHERE kind = 'nps' AND score >= 0 AND score < 7 AND responded_at IS NOT NULL) AS d,
       count(*) FILTER (WHERE kind = 'csat' AND score >= 4 AND score <= 5 AND responded_at IS NOT NULL) AS cs,
       count(*) FILTER (WHERE kind = 'csat' AND score BETWEEN 1 AND 5 AND responded_at IS NOT NULL) AS cn,
       count(*) FILTER (WHERE kind = 'ces' AND score BETWEEN 1 AND 7 AND responded_at IS NOT NULL) AS en,
       avg(score) FILTER (WHERE kind = 'ces' AND score BETWEEN 1 AND 7 AND responded_at IS NOT NULL) AS em,
       stddev_samp(score) FILTER (WHERE kind = 'ces' AND score BETWEEN 1 AND 7 AND responded_at IS NOT NULL) AS esd
     FROM survey_responses`,
  );
  return {
    asOf: s?.as_of ?? null,
    persons: s?.persons ?? 0,
    experience: toDist(s?.experience_mean, s?.experience_q),
    engagement: toDist(s?.engagement_mean, s?.engagement_q),
    quadrants: await quadrantSummary(store),
    signals,
    surveys: {
      nps: npsFromCounts({ promoters: sv?.p ?? 0, passives: sv?.pa ?? 0, detractors: sv?.d ?? 0 }),
      csat: csatFromCounts({ satisfied: sv?.cs ?? 0, n: sv?.cn ?? 0 }),
      ces: cesFromSummary({ n: sv?.en ?? 0, mean: sv?.em ?? null, sd: sv?.esd ?? null }),
      invitations: sv?.inv ?? 0,
      answers: sv?.ans ?? 0,
    },
    partners: await partnerReport(store),
    touchpoints: await touchpointReport(store, { totals, persons: perPerson }),
  };
}
