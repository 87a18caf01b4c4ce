// Experience and engagement by touchpoint and by ecosystem partner, so a poor partner shows up.
// Partner: orders through it, late-delivery share (Wilson interval) tested against all other
// partners together (pooled two-proportion z-test; flagged `poor` when higher and p < alpha),
// return share, CSAT of surveys naming it, and the mean scores of the persons it served.
// Touchpoint: the negative signals that belong to it (TOUCHPOINT_SIGNALS), how many persons had
// them, those persons' mean scores beside everyone's, and CSAT of surveys asked there.
import { z } from 'zod';
import { attachPersonSql } from '../../identity/index.js';
import type { Store } from '../../store/index.js';
import { twoProportionTest, wilsonInterval } from '../stats/proportion.js';
import { csatFromCounts } from './csat.js';
import { SIGNALS, type Signal } from './signals.js';

export const TOUCHPOINT_SIGNALS: Readonly<Record<string, readonly string[]>> = {
  checkout: ['checkout_abandoned', 'payment_failed'],
  website_app: ['error_event', 'slow_page'],
  delivery: ['late_delivery', 'return_refund'],
  support: ['slow_first_response', 'slow_resolution', 'reopened_ticket', 'repeat_contact'],
};

const Rate = z.object({
  rate: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
});

export const PartnerRow = z.object({
  partnerId: z.string(),
  name: z.string().nullable(),
  kind: z.string().nullable(),
  orders: z.number().int(),
  deliveries: z.number().int(),
  late: z.number().int(),
  lateRate: Rate,
  lateRateOthers: z.number().nullable(),
  latePValue: z.number(),
  poor: z.boolean(),
  returnRate: z.number().nullable(),
  csat: z.object({
    n: z.number().int(),
    tooSmall: z.boolean(),
    value: z.number().nullable(),
    low: z.number().nullable(),
    high: z.number().nullable(),
  }),
  persons: z.number().int(),
  meanExperience: z.number().nullable(),
  meanEngagement: z.number().nullable(),
});
export type PartnerRow = z.infer<typeof PartnerRow>;

const O = attachPersonSql('activity', 'o');

export async function partnerReport(
  store: Store,
  options: { minN?: number; alpha?: number } = {},
): Promise<PartnerRow[]> {
  const minN = options.minN ?? 30;
  const alpha = options.alpha ?? 0.05;
  const rows = await store.all<{
    partner_id: string;
    name: string | null;
    kind: string | null;
    orders: number;
    deliveries: number;
    late: number;
    returned: number;
    persons: number;
    ex: number | null;
    en: number | null;
    csat_n: number | null;
    csat_sat: number | null;
  }>(
    `WITH o AS (
       SELECT o.partner_id, ${O.personId} AS person_id, o.delivered_at, o.promised_at,
         coalesce(o.returned, false) OR o.status = 'returned' AS returned
       FROM orders o ${O.joins} WHERE o.partner_id IS NOT NULL),
     a AS (
       SELECT partner_id, count(*) AS orders,
         count(*) FILTER (WHERE delivered_at IS NOT NULL AND promised_at IS NOT NULL) AS deliveries,
         count(*) FILTER (WHERE CAST(delivered_at AS DATE) > CAST(promised_at AS DATE)) AS late,
         count(*) FILTER (WHERE returned) AS returned,
         count(DISTINCT person_id) AS persons
       FROM o GROUP BY partner_id),
     sc AS (
       SELECT x.partner_id, avg(s.experience) AS ex, avg(s.engagement) AS en
       FROM (SELECT DISTINCT partner_id, person_id FROM o) x JOIN person_scores s USING (person_id) GROUP BY x.partner_id),
     cs AS (
       SELECT partner_id, count(*) AS csat_n, count(*) FILTER (WHERE score >= 4) AS csat_sat FROM survey_responses
       WHERE kind = 'csat' AND partner_id IS NOT NULL AND score BETWEEN 1 AND 5 AND responded_at IS NOT NULL GROUP BY partner_id)
     SELECT a.*, p.name, p.kind, sc.ex, sc.en, cs.csat_n, cs.csat_sat
     FROM a LEFT JOIN sc USING (partner_id) LEFT JOIN cs USING (partner_id)
     LEFT JOIN (SELECT source_id, any_value(name) AS name, any_value(kind) AS kind FROM partners GROUP BY source_id) p
       ON p.source_id = a.partner_id
     ORDER BY a.partner_id`,
  );
  const totalLate = rows.reduce((s, r) => s + r.late, 0);
  const totalDeliveries = rows.reduce((s, r) => s + r.deliveries, 0);
  return rows.map((r) => {
    const othersLate = totalLate - r.late;
    const othersN = totalDeliveries - r.deliveries;
    const t = twoProportionTest(othersLate, othersN, r.late, r.deliveries);
    const csatN = r.csat_n ?? 0;
    const c = csatFromCounts({ satisfied: r.csat_sat ?? 0, n: csatN });
    const tooSmall = csatN < minN;
    return {
      partnerId: r.partner_id,
      name: r.name,
      kind: r.kind,
      orders: r.orders,
      deliveries: r.deliveries,
      late: r.late,
      lateRate: wilsonInterval(r.late, r.deliveries),
      lateRateOthers: othersN > 0 ? othersLate / othersN : null,
      latePValue: t.pValue,
      poor: r.deliveries >= minN && (t.diff ?? 0) > 0 && t.pValue < alpha,
      returnRate: r.orders > 0 ? r.returned / r.orders : null,
      csat: {
        n: csatN,
        tooSmall,
        value: tooSmall ? null : c.csat,
        low: tooSmall ? null : c.low,
        high: tooSmall ? null : c.high,
      },
      persons: r.persons,
      meanExperience: r.ex,
      meanEngagement: r.en,
    };
  });
}

export const TouchpointRow = z.object({
  touchpoint: z.string(),
  signals: z.array(z.string()),
  occurrences: z.number().int(),
  personsAffected: z.number().int(),
  meanExperienceAffected: z.number().nullable(),
  meanEngagementAffected: z.number().nullable(),
  meanExperienceAll: z.number().nullable(),
  csat: z.object({
    n: z.number().int(),
    tooSmall: z.boolean(),
    value: z.number().nullable(),
    low: z.number().nullable(),
    high: z.number().nullable(),
  }),
});
export type TouchpointRow = z.infer<typeof TouchpointRow>;

/** Per touchpoint, from the latest computeScores run and the survey answers given there. */
export async function touchpointReport(
  store: Store,
  options: { minN?: number } = {},
): Promise<TouchpointRow[]> {
  const minN = options.minN ?? 30;
  const all = await store.one<{ ex: number | null }>(
    'SELECT avg(experience) AS ex FROM person_scores',
  );
  const surveyRows = await store.all<{ touchpoint: string; n: number; sat: number }>(
    `SELECT lower(touchpoint) AS touchpoint, count(*) AS n, count(*) FILTER (WHERE score >= 4) AS sat
     FROM survey_responses WHERE kind = 'csat' AND touchpoint IS NOT NULL AND score BETWEEN 1 AND 5
       AND responded_at IS NOT NULL GROUP BY 1`,
  );
  const names = new Set([
    ...Object.keys(TOUCHPOINT_SIGNALS),
    ...surveyRows.map((r) => r.touchpoint),
  ]);
  // every touchpoint's persons and occurrences in one statement over person_signals (long form):
  // the touchpoint signals' rows summed per (touchpoint, person), then joined to the scores
  const tps = Object.entries(TOUCHPOINT_SIGNALS);
  const map = tps
    .flatMap(([, signals], i) =>
      signals.flatMap((sg) => {
        const code = SIGNALS.indexOf(sg as Signal) + 1;
        return code > 0 ? [`(${i}, ${code})`] : [];
      }),
    )
    .join(', ');
  const rows = await store.all<{
    i: number;
    occ: number;
    persons: number;
    ex: number | null;
    en: number | null;
  }>(
    `WITH t AS (SELECT * FROM (VALUES ${map}) t(i, code)),
     pp AS (SELECT t.i, g.person_id, sum(g.n) AS n FROM person_signals g JOIN t ON t.code = g.signal
            GROUP BY t.i, g.person_id)
     SELECT pp.i, CAST(sum(pp.n) AS BIGINT) AS occ, count(*) FILTER (WHERE pp.n > 0) AS persons,
       avg(s.experience) FILTER (WHERE pp.n > 0) AS ex, avg(s.engagement) FILTER (WHERE pp.n > 0) AS en
     FROM pp JOIN person_scores s USING (person_id) GROUP BY pp.i`,
  );
  const agg: Record<string, number | null> = {};
  for (const r of rows) {
    agg[`occ${r.i}`] = r.occ;
    agg[`persons${r.i}`] = r.persons;
    agg[`ex${r.i}`] = r.ex;
    agg[`en${r.i}`] = r.en;
  }
  const out: TouchpointRow[] = [];
  for (const tp of [...names].sort()) {
    const signals = TOUCHPOINT_SIGNALS[tp] ?? [];
    const i = tps.findIndex(([name]) => name === tp);
    const sv = surveyRows.find((r) => r.touchpoint === tp);
    const c = csatFromCounts({ satisfied: sv?.sat ?? 0, n: sv?.n ?? 0 });
    const tooSmall = (sv?.n ?? 0) < minN;
    out.push({
      touchpoint: tp,
      signals: [...signals],
      occurrences: i < 0 ? 0 : Number(agg?.[`occ${i}`] ?? 0),
      personsAffected: i < 0 ? 0 : Number(agg?.[`persons${i}`] ?? 0),
      meanExperienceAffected: i < 0 ? null : (agg?.[`ex${i}`] ?? null),
      meanEngagementAffected: i < 0 ? null : (agg?.[`en${i}`] ?? null),
      meanExperienceAll: all?.ex ?? null,
      csat: {
        n: sv?.n ?? 0,
        tooSmall,
        value: tooSmall ? null : c.csat,
        low: tooSmall ? null : c.low,
        high: tooSmall ? null : c.high,
      },
    });
  }
  return out;
}
