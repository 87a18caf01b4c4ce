// Inputs and outputs of the churn and value analyses (schema and type share a name), for the
// API, the CLI and the dashboard. Dates are ISO strings (YYYY-MM-DD; months YYYY-MM).
import { z } from 'zod';
import { SegmentKind } from './config.js';

const isoDay = z.iso.date();
const month = z.string().regex(/^\d{4}-\d{2}$/, 'expected a month such as 2026-05');

export const ChurnRateOptions = z.object({ from: isoDay.optional(), to: isoDay.optional() });
export type ChurnRateOptions = z.infer<typeof ChurnRateOptions>;

export const ChurnRateMonth = z.object({
  month,
  /** Customers acquired before the month and not churned before it. */
  activeAtStart: z.number().int(),
  churned: z.number().int(),
  acquired: z.number().int(),
  rate: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  /** False while churn in this month cannot all be seen yet (inactivity window still open). */
  complete: z.boolean(),
});
export type ChurnRateMonth = z.infer<typeof ChurnRateMonth>;

export const ChurnTrend = z.object({
  n: z.number().int(),
  s: z.number(),
  z: z.number(),
  pValue: z.number(),
  slope: z.number(),
  slopeLow: z.number(),
  slopeHigh: z.number(),
  direction: z.enum(['rising', 'falling', 'flat']),
});
export type ChurnTrend = z.infer<typeof ChurnTrend>;

export const ChurnRates = z.object({
  definition: z.string(),
  end: isoDay,
  months: z.array(ChurnRateMonth),
  /** Mann–Kendall + Sen's slope over the complete months (null with fewer than 3). */
  trend: ChurnTrend.nullable(),
});
export type ChurnRates = z.infer<typeof ChurnRates>;

export const CohortCell = z.object({
  cohort: month,
  monthsSince: z.number().int().min(0),
  size: z.number().int(),
  retained: z.number().int(),
  retention: z.number().nullable(),
  revenue: z.number(),
  /** Net revenue retention: cohort revenue in this month / in its first month. */
  netRevenueRetention: z.number().nullable(),
  /** Gross revenue retention: Σ min(revenue now, first-month revenue) / first-month revenue. */
  grossRevenueRetention: z.number().nullable(),
  complete: z.boolean(),
});
export type CohortCell = z.infer<typeof CohortCell>;

export const CohortRetention = z.object({
  definition: z.string(),
  end: isoDay,
  cohorts: z.array(z.object({ cohort: month, size: z.number().int() })),
  cells: z.array(CohortCell),
});
export type CohortRetention = z.infer<typeof CohortRetention>;

export const SurvivalSegment = z.union([SegmentKind, z.string().regex(/^saved:.+$/)]);
export type SurvivalSegment = z.infer<typeof SurvivalSegment>;

export const SurvivalPoint = z.object({
  days: z.number(),
  atRisk: z.number().int(),
  events: z.number().int(),
  survival: z.number(),
  /** 95% bounds; null once survival reaches 0 (the log-log interval is not defined there). */
  lower: z.number().nullable(),
  upper: z.number().nullable(),
});
export type SurvivalPoint = z.infer<typeof SurvivalPoint>;

export const SurvivalGroup = z.object({
  group: z.string(),
  n: z.number().int(),
  churned: z.number().int(),
  medianDays: z.number().nullable(),
  /** S(t) at 30, 90, 180 and 365 days (null past the last follow-up). */
  at: z.record(z.string(), z.number().nullable()),
  curve: z.array(SurvivalPoint),
});
export type SurvivalGroup = z.infer<typeof SurvivalGroup>;

export const SurvivalBySegment = z.object({
  segment: z.string(),
  definition: z.string(),
  end: isoDay,
  groups: z.array(SurvivalGroup),
  logRank: z
    .object({ chiSquare: z.number(), degreesOfFreedom: z.number().int(), pValue: z.number() })
    .nullable(),
});
export type SurvivalBySegment = z.infer<typeof SurvivalBySegment>;

export const SaveCellOptions = z.object({
  cohort: month,
  monthsSince: z.number().int().min(0),
  /** retained: still customers at the end of that month; lost: churned by then. */
  which: z.enum(['retained', 'lost']).default('retained'),
  name: z.string().min(1).max(100).optional(),
});
export type SaveCellOptions = z.input<typeof SaveCellOptions>;

export const SavedSegment = z.object({
  name: z.string(),
  kind: z.string(),
  definition: z.record(z.string(), z.unknown()),
  size: z.number().int(),
});
export type SavedSegment = z.infer<typeof SavedSegment>;

export const ChurnRiskOptions = z.object({ asOf: isoDay.optional() });
export type ChurnRiskOptions = z.infer<typeof ChurnRiskOptions>;

export const RiskDriver = z.object({
  feature: z.string(),
  value: z.union([z.number(), z.string(), z.boolean(), z.null()]),
  contribution: z.number(),
});
export type RiskDriver = z.infer<typeof RiskDriver>;

export const ChurnRiskRow = z.object({
  person_id: z.string(),
  risk: z.number(),
  drivers: z.array(RiskDriver),
});
export type ChurnRiskRow = z.infer<typeof ChurnRiskRow>;

export const ChurnRiskResult = z.object({
  asOf: isoDay,
  trainCutoff: isoDay,
  horizonDays: z.number().int(),
  model: z.enum(['logistic', 'gbt']),
  features: z.array(z.string()),
  /** Features left out, with why (e.g. scores computed after the training cutoff would leak). */
  excluded: z.array(z.object({ feature: z.string(), reason: z.string() })),
  train: z.object({
    persons: z.number().int(),
    churned: z.number().int(),
    /** Training cutoffs, latest first. */
    snapshots: z.array(isoDay),
  }),
  holdout: z.object({
    persons: z.number().int(),
    churned: z.number().int(),
    auc: z.number().nullable(),
    method: z.string(),
  }),
  scored: z.number().int(),
  /** How many of the highest-risk persons have their drivers stored (config risk.explain_top). */
  explained: z.number().int(),
  meanRisk: z.number().nullable(),
});
export type ChurnRiskResult = z.infer<typeof ChurnRiskResult>;

export const CustomerValueOptions = z.object({
  calibrationEnd: isoDay.optional(),
  horizonMonths: z.number().int().min(1).max(120).default(12),
  monthlyDiscountRate: z.number().gt(-1).lt(1).default(0.01),
});
export type CustomerValueOptions = z.input<typeof CustomerValueOptions>;

export const CustomerValueRow = z.object({
  person_id: z.string(),
  frequency: z.number(),
  recency: z.number(),
  T: z.number(),
  monetary: z.number(),
  p_alive: z.number(),
  expected_purchases: z.number(),
  clv: z.number(),
});
export type CustomerValueRow = z.infer<typeof CustomerValueRow>;

export const CustomerValueResult = z.object({
  calibrationEnd: isoDay,
  horizonMonths: z.number().int(),
  customers: z.number().int(),
  /**
   * Customers left out because their first purchase is on the calibration end day (T = 0: no
   * time observed yet, as lifetimes leaves them out of the fit); no customer_value row.
   */
  excludedNew: z.number().int(),
  repeatCustomers: z.number().int(),
  bgNbd: z.object({ r: z.number(), alpha: z.number(), a: z.number(), b: z.number() }),
  gammaGamma: z.object({ p: z.number(), q: z.number(), gamma: z.number() }).nullable(),
  totalClv: z.number(),
  meanClv: z.number(),
  medianClv: z.number(),
  meanProbabilityAlive: z.number(),
  expectedPurchases: z.number(),
});
export type CustomerValueResult = z.infer<typeof CustomerValueResult>;

export const ListPage = z.object({
  limit: z.number().int().min(1),
  offset: z.number().int().min(0),
});
export type ListPage = z.infer<typeof ListPage>;

export const ChurnRiskItem = z.object({
  personId: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  risk: z.number(),
  drivers: z.array(RiskDriver),
  /** 12-month CLV and probability alive (null until `cxlens value` has run). */
  clv: z.number().nullable(),
  pAlive: z.number().nullable(),
});
export type ChurnRiskItem = z.infer<typeof ChurnRiskItem>;

/** The run a churn-risk list comes from (all null before `cxlens churn risk` has run). */
export const ChurnRiskRun = z.object({
  asOf: z.string().nullable(),
  horizonDays: z.number().int().nullable(),
  model: z.string().nullable(),
  holdoutAuc: z.number().nullable(),
  meanRisk: z.number().nullable(),
});
export type ChurnRiskRun = z.infer<typeof ChurnRiskRun>;

export const ChurnRiskList = ChurnRiskRun.extend({
  items: z.array(ChurnRiskItem),
  /** Persons scored in the latest run (before limit/offset). */
  total: z.number().int(),
});
export type ChurnRiskList = z.infer<typeof ChurnRiskList>;

export const CustomerValueItem = z.object({
  personId: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  frequency: z.number(),
  recency: z.number(),
  T: z.number(),
  monetary: z.number(),
  pAlive: z.number(),
  expectedPurchases: z.number(),
  clv: z.number(),
  risk: z.number().nullable(),
});
export type CustomerValueItem = z.infer<typeof CustomerValueItem>;

export const CustomerValueList = z.object({
  items: z.array(CustomerValueItem),
  /** Persons with a customer_value row (before limit/offset). */
  total: z.number().int(),
  /** The latest fit (null before `cxlens value` has run or when it cannot be read). */
  summary: CustomerValueResult.nullable(),
});
export type CustomerValueList = z.infer<typeof CustomerValueList>;
