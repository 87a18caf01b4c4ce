// The period-over-period change of one survey metric: the difference (later − earlier), its
// interval, a two-sided p-value, and the significance flag (p < alpha, default 0.05).
import { z } from 'zod';

export const MetricChange = z.object({
  /** later − earlier, on the metric's own scale (NPS points, CSAT share, CES points). */
  diff: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  pValue: z.number().min(0).max(1),
  significant: z.boolean(),
});
export type MetricChange = z.infer<typeof MetricChange>;

export const NO_CHANGE: MetricChange = {
  diff: null,
  low: null,
  high: null,
  pValue: 1,
  significant: false,
};
