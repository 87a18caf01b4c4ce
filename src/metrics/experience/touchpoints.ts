// Experience and engagement by touchpoint and by ecosystem partner, so a poor partner shows up.
// Partner: orders through it, late-delivery share (Wilson interval) tested against all other
// partners together (pooled two-proportion z-test; flagged `poor` when higher and p < alpha),
// return share, CSAT of surveys naming it, and the mean scores of the persons it served.
// Touchpoint: the negative signals that belong to it (TOUCHPOINT_SIGNALS), how many persons had
// them, those persons' mean scores beside everyone's, and CSAT of surveys asked there.
import { z } from 'zod';
import { ORDERS_END_SQL, orderLateSql, orderReturnedSql, type Store } from '../../store/index.js';
import { twoProportionTest, wilsonInterval } from '../stats/proportion.js';
import { csatFromCounts } from './csat.js';
import { type SignalTotals, signalTotals } from './signal-totals.js';
import { SIGNALS, type Signal, signalCode } from './signals.js';

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

/** CSAT of a group's surveys, withheld (null) below the minimum n rather than shown as a number. */
const GroupCsat = z.object({
  n: z.number().int(),
  tooSmall: z.boolean(),
  value: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
});
type GroupCsat = z.infer<typeof GroupCsat>;

function groupCsat(satisfied: number, n: number, minN: number): GroupCsat {
  const c = csatFromCounts({ satisfied, n });
  const tooSmall = n < minN;
  return {
    n,
    tooSmall,
    value: tooSmall ? null : c.csat,
    low: tooSmall ? null : c.low,
    high: tooSmall ? null : c.high,
  };
}

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
  csat: GroupCsat,
  persons: z.number().int(),
  meanExperience: z.number().nullable(),
  meanEngagement: z.number().nullable(),
});
export type PartnerRow = z.infer<typeof PartnerRow>;

/**
 * Per partner: its orders, deliveries, late deliveries (an order still undelivered past its
 * promised day at the end of the data counts as late) and returns over all orders; the persons
 * it reached and their mean scores from the latest computeScores run (partner_scores); CSAT of
 * the surveys naming it.
 */
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
    persons: number | null;
    ex: number | null;
    en: number | null;
    csat_n: number | null;
    csat_sat: number | null;
  }>(
    `WITH a AS (
       SELECT partner_id, count(*) AS orders,
         count(${orderLateSql('orders', ORDERS_END_SQL)}) AS deliveries,
         count(*) FILTER (WHERE ${orderLateSql('orders', ORDERS_END_SQL)}) AS late,
         count(*) FILTER (WHERE ${orderReturnedSql('orders')}) AS returned
       FROM orders WHERE partner_id IS NOT NULL GROUP BY partner_id),
     cs AS (
       SELECT partner_id, count(*) AS csat_n, count(*) FILTER (WHERE score >= 4) AS csat_sat FROM survey_responses
       WHERE kind = 'csat' AND partner_id IS NOT NULL AND score BETWEEN 1 AND 5 AND responded_at IS NOT NULL GROUP BY partner_id)
     SELECT a.*, p.name, p.kind, sc.persons, sc.mean_experience AS ex, sc.mean_engagement AS en, cs.csat_n, cs.csat_sat
     FROM a LEFT JOIN partner_scores sc USING (partner_id) LEFT JOIN cs USING (partner_id)
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
      csat: groupCsat(r.csat_sat ?? 0, r.csat_n ?? 0, minN),
      persons: r.persons ?? 0,
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
  csat: GroupCsat,
});
export type TouchpointRow = z.infer<typeof TouchpointRow>;

const codesOf = (signals: readonly string[]) =>
  signals.filter((sg): sg is Signal => SIGNALS.includes(sg as Signal)).map(signalCode);

/**
 * SQL select list over person_scores: per touchpoint (TOUCHPOINT_SIGNALS order) the persons with
 * one of its signals and their mean scores (persons{i}, ex{i}, en{i}), and ex_all.
 */
export function touchpointPersonsSql(): string {
  const masks = Object.values(TOUCHPOINT_SIGNALS).map((signals) =>
    codesOf(signals).reduce((m, c) => m | (1n << BigInt(c)), 0n),
  );
  return `${masks
    .map(
      (m, i) => `count(*) FILTER (WHERE signal_mask & ${m} <> 0) AS persons${i},
        avg(experience) FILTER (WHERE signal_mask & ${m} <> 0) AS ex${i},
        avg(engagement) FILTER (WHERE signal_mask & ${m} <> 0) AS en${i}`,
    )
    .join(', ')}, avg(experience) AS ex_all`;
}

/** Per touchpoint, from the latest computeScores run and the survey answers given there. */
export async function touchpointReport(
  store: Store,
  options: {
    minN?: number;
    totals?: SignalTotals;
    /** touchpointPersonsSql's row, when the caller read it with other aggregates */
    persons?: Record<string, number | null> | undefined;
  } = {},
): Promise<TouchpointRow[]> {
  const minN = options.minN ?? 30;
  const surveyRows = await store.all<{ touchpoint: string; n: number; sat: number }>(
    `SELECT lower(touchpoint) AS touchpoint, count(*) AS n, count(*) FILTER (WHERE score >= 4) AS sat
     FROM survey_responses WHERE kind = 'csat' AND touchpoint IS NOT NULL AND score BETWEEN 1 AND 5
       AND responded_at IS NOT NULL GROUP BY 1`,
  );
  const names = new Set([
    ...Object.keys(TOUCHPOINT_SIGNALS),
    ...surveyRows.map((r) => r.touchpoint),
  ]);
  // persons affected per touchpoint from each person's signal_mask (bit c = had signal code c),
  // occurrences from person_signals summed per signal
  const tps = Object.entries(TOUCHPOINT_SIGNALS);
  const agg =
    options.persons ??
    (await store.one<Record<string, number | null>>(
      `SELECT ${touchpointPersonsSql()} FROM person_scores`,
    ));
  const totals = options.totals ?? (await signalTotals(store));
  const occurrences = tps.map(([, signals]) =>
    codesOf(signals).reduce((sum, c) => sum + (totals.get(c)?.occurrences ?? 0), 0),
  );
  const out: TouchpointRow[] = [];
  for (const tp of [...names].sort()) {
    const signals = TOUCHPOINT_SIGNALS[tp] ?? [];
    const i = tps.findIndex(([name]) => name === tp);
    const sv = surveyRows.find((r) => r.touchpoint === tp);
    out.push({
      touchpoint: tp,
      signals: [...signals],
      occurrences: i < 0 ? 0 : (occurrences[i] ?? 0),
      personsAffected: i < 0 ? 0 : Number(agg?.[`persons${i}`] ?? 0),
      meanExperienceAffected: i < 0 ? null : (agg?.[`ex${i}`] ?? null),
      meanEngagementAffected: i < 0 ? null : (agg?.[`en${i}`] ?? null),
      meanExperienceAll: agg?.ex_all ?? null,
      csat: groupCsat(sv?.sat ?? 0, sv?.n ?? 0, minN),
    });
  }
  return out;
}
