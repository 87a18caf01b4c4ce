// Survey metrics by period, touchpoint, channel, partner, survey wave or segment: NPS, CSAT
// (top-2-box) or CES per group with its 95% interval (nps.ts, csat.ts, ces.ts), groups below
// min_n reported as too small (no numbers), and, when trended, the change from the previous
// period in the same group with its test and significance flag. Waves combine by listing them in
// `surveys`. Only answered rows count (responded_at and score present); period = responded_at
// truncated to week, month or quarter (UTC). Segment = the person's quadrant or country.
import { z } from 'zod';
import { attachPersonSql } from '../../identity/index.js';
import type { SqlParam, Store } from '../../store/index.js';
import { cesFromSummary, compareCes } from './ces.js';
import { MetricChange } from './change.js';
import { compareCsat, csatFromCounts } from './csat.js';
import { compareNps, npsFromCounts } from './nps.js';

export const SURVEY_DIMENSIONS = [
  'period',
  'touchpoint',
  'channel',
  'partner',
  'survey',
  'quadrant',
  'country',
] as const;

export const SurveyMetricsRequest = z.object({
  kind: z.enum(['nps', 'csat', 'ces']),
  by: z.enum(SURVEY_DIMENSIONS).default('period'),
  /** Also split every group by period, with period-over-period change (always on for by=period). */
  trend: z.boolean().default(false),
  period: z.enum(['week', 'month', 'quarter']).default('month'),
  /** Survey names (waves) to combine; all of the kind when absent. */
  surveys: z.array(z.string()).optional(),
  from: z.date().optional(),
  to: z.date().optional(),
  minN: z.number().int().min(1).default(30),
  confidence: z.number().gt(0).lt(1).default(0.95),
  alpha: z.number().gt(0).lt(1).default(0.05),
});
export type SurveyMetricsRequest = z.input<typeof SurveyMetricsRequest>;

export const SurveyMetricRow = z.object({
  group: z.string().nullable(),
  period: z.date().nullable(),
  n: z.number().int(),
  tooSmall: z.boolean(),
  /** NPS (−100..100), CSAT share (0..1) or CES mean; null when too small. */
  value: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  change: MetricChange.nullable(),
});
export type SurveyMetricRow = z.infer<typeof SurveyMetricRow>;

const S = attachPersonSql('activity', 's');

const GROUP_SQL: Record<(typeof SURVEY_DIMENSIONS)[number], string> = {
  period: 'NULL',
  touchpoint: 's.touchpoint',
  channel: 's.channel',
  partner: 's.partner_id',
  survey: 's.survey',
  quadrant: 'ps.quadrant',
  country: 'pe.country',
};

interface Agg extends Record<string, unknown> {
  grp: string | null;
  period: Date | null;
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
  satisfied: number;
  mean: number | null;
  sd: number | null;
}

export async function surveyMetrics(
  store: Store,
  request: SurveyMetricsRequest,
): Promise<SurveyMetricRow[]> {
  const r = SurveyMetricsRequest.parse(request);
  const trended = r.trend || r.by === 'period';
  const params: SqlParam[] = trended ? [r.period, r.kind] : [r.kind];
  const where: string[] = ['s.kind = ?', 's.responded_at IS NOT NULL', 's.score IS NOT NULL'];
  const range = r.kind === 'nps' ? [0, 10] : r.kind === 'csat' ? [1, 5] : [1, 7];
  where.push(`s.score BETWEEN ${range[0]} AND ${range[1]}`);
  if (r.surveys && r.surveys.length > 0) {
    where.push(`s.survey IN (${r.surveys.map(() => '?').join(', ')})`);
    params.push(...r.surveys);
  }
  if (r.from) {
    where.push('s.responded_at >= ?');
    params.push(r.from);
  }
  if (r.to) {
    where.push('s.responded_at < ?');
    params.push(r.to);
  }
  const needsPerson = r.by === 'quadrant' || r.by === 'country';
  const rows = await store.all<Agg>(
    `SELECT ${GROUP_SQL[r.by]} AS grp,
       ${trended ? 'date_trunc(CAST(? AS VARCHAR), s.responded_at)' : 'CAST(NULL AS TIMESTAMP)'} AS period,
       count(*) AS n,
       count(*) FILTER (WHERE s.score >= 9) AS promoters,
       count(*) FILTER (WHERE s.score >= 7 AND s.score < 9) AS passives,
       count(*) FILTER (WHERE s.score < 7) AS detractors,
       count(*) FILTER (WHERE s.score >= 4) AS satisfied,
       avg(s.score) AS mean, stddev_samp(s.score) AS sd
     FROM survey_responses s
     ${needsPerson ? `${S.joins} LEFT JOIN person_scores ps ON ps.person_id = ${S.personId} LEFT JOIN persons pe ON pe.person_id = ${S.personId}` : ''}
     WHERE ${where.join(' AND ')}
     GROUP BY ALL ORDER BY grp NULLS LAST, period`,
    params,
  );
  const out: SurveyMetricRow[] = [];
  let previous: Agg | undefined;
  for (const a of rows) {
    const tooSmall = a.n < r.minN;
    const m = metricOf(r.kind, a, r.confidence);
    let change: MetricChange | null = null;
    if (trended && previous && previous.grp === a.grp) {
      if (!tooSmall && previous.n >= r.minN) change = changeOf(r.kind, previous, a, r.alpha);
    }
    out.push({
      group: r.by === 'period' ? null : a.grp,
      period: a.period,
      n: a.n,
      tooSmall,
      value: tooSmall ? null : m.value,
      low: tooSmall ? null : m.low,
      high: tooSmall ? null : m.high,
      change,
    });
    previous = a;
  }
  return out;
}

function metricOf(kind: 'nps' | 'csat' | 'ces', a: Agg, confidence: number) {
  if (kind === 'nps') {
    const x = npsFromCounts(
      { promoters: a.promoters, passives: a.passives, detractors: a.detractors },
      confidence,
    );
    return { value: x.nps, low: x.low, high: x.high };
  }
  if (kind === 'csat') {
    const x = csatFromCounts({ satisfied: a.satisfied, n: a.n }, confidence);
    return { value: x.csat, low: x.low, high: x.high };
  }
  const x = cesFromSummary({ n: a.n, mean: a.mean, sd: a.sd }, confidence);
  return { value: x.mean, low: x.low, high: x.high };
}

function changeOf(kind: 'nps' | 'csat' | 'ces', a: Agg, b: Agg, alpha: number): MetricChange {
  if (kind === 'nps') {
    return compareNps(
      { promoters: a.promoters, passives: a.passives, detractors: a.detractors },
      { promoters: b.promoters, passives: b.passives, detractors: b.detractors },
      alpha,
    );
  }
  if (kind === 'csat')
    return compareCsat(
      { satisfied: a.satisfied, n: a.n },
      { satisfied: b.satisfied, n: b.n },
      alpha,
    );
  return compareCes({ n: a.n, mean: a.mean, sd: a.sd }, { n: b.n, mean: b.mean, sd: b.sd }, alpha);
}

export const SurveyWave = z.object({
  survey: z.string(),
  kind: z.string(),
  invited: z.number().int(),
  answered: z.number().int(),
  first: z.date().nullable(),
  last: z.date().nullable(),
});
export type SurveyWave = z.infer<typeof SurveyWave>;

/** Every survey (wave) with its kind, invitations, answers and the span of its answers. */
export async function surveyWaves(store: Store): Promise<SurveyWave[]> {
  return store.all<SurveyWave>(
    `SELECT survey, kind, CAST(count(*) AS INTEGER) AS invited,
       CAST(count(*) FILTER (WHERE responded_at IS NOT NULL AND score IS NOT NULL) AS INTEGER) AS answered,
       min(responded_at) AS first, max(responded_at) AS last
     FROM survey_responses WHERE survey IS NOT NULL GROUP BY survey, kind ORDER BY kind, first NULLS LAST, survey`,
  );
}
