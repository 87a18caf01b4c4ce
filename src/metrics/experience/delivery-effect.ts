// The effect of late delivery on the score customers give: mean answer after late vs on-time
// deliveries, the difference (late − on time) with a Welch t interval and p-value. Each answer
// is matched to the latest order its customer placed before answering (ASOF join on source and
// customer_id); one answer per order, the earliest. Late = delivered on a later calendar day than
// promised ('day') or later than promised ('time'); undelivered orders are left out. Assumes the
// answer is about that order (true for post-delivery surveys such as Olist's reviews).
import { z } from 'zod';
import type { Store } from '../../store/index.js';
import { type MeanSummary, meanInterval, welchTest } from '../stats/mean.js';

export const DeliveryEffectRequest = z.object({
  kind: z.enum(['nps', 'csat', 'ces', 'custom']).default('csat'),
  compare: z.enum(['day', 'time']).default('day'),
  confidence: z.number().gt(0).lt(1).default(0.95),
});
export type DeliveryEffectRequest = z.input<typeof DeliveryEffectRequest>;

const Group = z.object({
  n: z.number().int(),
  mean: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
});

export const DeliveryEffect = z.object({
  late: Group,
  onTime: Group,
  /** late − on time. */
  diff: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  pValue: z.number(),
});
export type DeliveryEffect = z.infer<typeof DeliveryEffect>;

export async function lateDeliveryEffect(
  store: Store,
  request: DeliveryEffectRequest = {},
): Promise<DeliveryEffect> {
  const r = DeliveryEffectRequest.parse(request);
  const late =
    r.compare === 'day'
      ? 'CAST(o.delivered_at AS DATE) > CAST(o.promised_at AS DATE)'
      : 'o.delivered_at > o.promised_at';
  const rows = await store.all<{ late: boolean; n: number; mean: number; sd: number | null }>(
    `WITH s AS (
       SELECT source, customer_id, score, responded_at FROM survey_responses
       WHERE kind = ? AND score IS NOT NULL AND responded_at IS NOT NULL AND customer_id IS NOT NULL),
     o AS (SELECT source, source_id, customer_id, placed_at, promised_at, delivered_at FROM orders WHERE customer_id IS NOT NULL),
     m AS (
       SELECT o.source_id AS order_id, o.source, arg_min(s.score, s.responded_at) AS score, any_value(${late}) AS late
       FROM s ASOF JOIN o ON s.source = o.source AND s.customer_id = o.customer_id AND o.placed_at <= s.responded_at
       WHERE o.delivered_at IS NOT NULL AND o.promised_at IS NOT NULL
       GROUP BY o.source, o.source_id)
     SELECT late, count(*) AS n, avg(score) AS mean, stddev_samp(score) AS sd FROM m GROUP BY late`,
    [r.kind],
  );
  const summary = (isLate: boolean): MeanSummary => {
    const row = rows.find((x) => x.late === isLate);
    return row ? { n: row.n, mean: row.mean, sd: row.sd } : { n: 0, mean: null, sd: null };
  };
  const a = summary(false);
  const b = summary(true);
  const ia = meanInterval(a, r.confidence);
  const ib = meanInterval(b, r.confidence);
  const w = welchTest(a, b, r.confidence);
  return {
    late: { n: ib.n, mean: ib.mean, low: ib.low, high: ib.high },
    onTime: { n: ia.n, mean: ia.mean, low: ia.low, high: ia.high },
    diff: w.diff,
    low: w.diffLow,
    high: w.diffHigh,
    pValue: w.pValue,
  };
}
