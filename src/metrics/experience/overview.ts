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
import { type Signal, signalCode } from './signals.js';
import { PartnerRow, partnerReport, TouchpointRow, touchpointReport } from './touchpoints.js';

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
 * Each signal's reach per family, from person_signals (long form) in one statement: persons
 * with it, occurrences and points (experience: weight × decayed; engagement: each person's share
 * of their engagement score; voice: 0). Only signals someone had, ordered by family and points.
 */
async function signalReach(store: Store): Promise<SignalReach[]> {
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
  // (position, signal code, family) are ours; the weights are bound as parameters
  const fam = families
    .map(
      (f, i) =>
        `(${i}, ${signalCode(f.signal)}, '${f.family === 'experience' ? 'x' : f.family === 'engagement' ? 'g' : 'v'}', CAST(? AS DOUBLE))`,
    )
    .join(', ');
  const rows = await store.all<{ i: number; persons: number; occ: number; pts: number | null }>(
    `WITH f AS (SELECT * FROM (VALUES ${fam}) f(i, code, fam, w)),
     g AS (SELECT person_id, signal AS code, n, d FROM person_signals),
     e AS (SELECT g.person_id, f.i, f.w * g.d AS wd FROM g JOIN f ON f.code = g.code AND f.fam = 'g'),
     r AS (SELECT person_id, sum(wd) AS raw FROM e GROUP BY person_id),
     ep AS (SELECT e.i, sum(CASE WHEN r.raw > 0 THEN s.engagement * e.wd / r.raw ELSE 0 END) AS pts
            FROM e JOIN r USING (person_id) JOIN person_scores s USING (person_id) GROUP BY e.i),
     a AS (SELECT f.i, count(*) FILTER (WHERE g.n > 0) AS persons, CAST(sum(g.n) AS BIGINT) AS occ,
             CASE WHEN f.fam = 'x' THEN f.w * sum(g.d) ELSE 0.0 END AS pts
           FROM g JOIN f USING (code) GROUP BY f.i, f.fam, f.w)
     SELECT a.i, a.persons, a.occ, coalesce(ep.pts, a.pts) AS pts FROM a LEFT JOIN ep USING (i)`,
    families.map((f) => f.weight),
  );
  const r: Record<string, number | null> = {};
  for (const x of rows) {
    r[`p${x.i}`] = x.persons;
    r[`n${x.i}`] = x.occ;
    r[`s${x.i}`] = x.pts;
  }
  const out: SignalReach[] = families
    .map((f, i) => ({
      signal: f.signal,
      family: f.family,
      persons: Number(r?.[`p${i}`] ?? 0),
      occurrences: Number(r?.[`n${i}`] ?? 0),
      points: Number(r?.[`s${i}`] ?? 0),
    }))
    .filter((x) => x.persons > 0);
  return out.sort((a, b) => a.family.localeCompare(b.family) || a.points - b.points);
}

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
    `SELECT max(as_of) AS as_of, count(*) AS persons, ${dist('experience')}, ${dist('engagement')} FROM person_scores`,
  );
  const toDist = (mean: number | null | undefined, q: number[] | null | undefined) => ({
    mean: mean ?? null,
    p10: q?.[0] ?? null,
    p25: q?.[1] ?? null,
    median: q?.[2] ?? null,
    p75: q?.[3] ?? null,
    p90: q?.[4] ?? null,
  });
  const signals = await signalReach(store);
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
    touchpoints: await touchpointReport(store),
  };
}
