// Input and output of the funnel diagnosis (zod schemas, types of the same name).
import { z } from 'zod';
import { WindowText } from './schemas.js';

export const DEFAULT_DIAGNOSE_DIMENSIONS = [
  'browser',
  'os',
  'device',
  'app_version',
  'country',
  'channel',
  'variant',
];

export const DiagnoseQuery = z.object({
  /** A saved funnel name, or the steps themselves. */
  funnel: z.string().min(1).optional(),
  steps: z.array(z.string().min(1)).min(2).max(20).optional(),
  window: WindowText.optional(),
  /** Only look at entries from this day on (ISO date). */
  since: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  until: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  dimensions: z.array(z.string()).default(DEFAULT_DIAGNOSE_DIMENSIONS),
  /** Family-wise level of each change-point split (default 0.01). */
  alpha: z.number().gt(0).lt(1).default(0.01),
  /** False discovery rate for the segment tests (Benjamini–Hochberg, default 0.05). */
  fdr: z.number().gt(0).lt(1).default(0.05),
  /** Ignore changes smaller than this many percentage points. */
  minDeltaPp: z.number().min(0).default(3),
  /** Days compared on each side of a change (bounded by the neighbouring changes). */
  compareDays: z.number().int().min(3).default(28),
  /**
   * With `since`: days of history before it that are searched too (changes there are not
   * reported), so a change on the first days of the period still has a "before" side.
   */
  historyDays: z.number().int().min(0).default(28),
});
export type DiagnoseQuery = z.infer<typeof DiagnoseQuery>;
export type DiagnoseQueryInput = z.input<typeof DiagnoseQuery>;

const Side = z.object({
  from: z.string(),
  to: z.string(),
  x: z.number(),
  n: z.number(),
  rate: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
});

export const SegmentChange = z.object({
  dimension: z.string(),
  value: z.string(),
  nBefore: z.number(),
  nAfter: z.number(),
  rateBefore: z.number().nullable(),
  rateAfter: z.number().nullable(),
  deltaPp: z.number().nullable(),
  /** This value's share of the after-period traffic. */
  trafficShare: z.number(),
  /** Share of the overall change explained by this value's rate change (rate effect / total). */
  shareExplained: z.number().nullable(),
  pValue: z.number(),
  /** Benjamini–Hochberg adjusted p-value over every segment test of the finding. */
  qValue: z.number(),
  significant: z.boolean(),
});
export type SegmentChange = z.infer<typeof SegmentChange>;

export const Concentration = z.object({
  dimension: z.string(),
  value: z.string(),
  shareExplained: z.number(),
  trafficShare: z.number(),
  deltaPp: z.number(),
  /** The same change among every other value of the dimension, pooled. */
  othersDeltaPp: z.number().nullable(),
  othersPValue: z.number(),
});
export type Concentration = z.infer<typeof Concentration>;

export const Breadth = z.object({
  dimension: z.string(),
  /** Values with at least 5% of the traffic. */
  values: z.number(),
  /** Of those, how many moved the same way as the total, significantly. */
  sameDirection: z.number(),
  minDeltaPp: z.number().nullable(),
  maxDeltaPp: z.number().nullable(),
  /** Each major value's change, largest traffic first. */
  deltas: z.array(z.object({ value: z.string(), deltaPp: z.number(), significant: z.boolean() })),
  /** Major values that moved significantly against the total. */
  opposite: z.number(),
});
export type Breadth = z.infer<typeof Breadth>;

export const ErrorChange = z.object({
  event: z.string(),
  code: z.string().nullable(),
  /** 'all' or "dimension=value" when counted in the concentrated segment. */
  segment: z.string(),
  before: z.number(),
  after: z.number(),
  /** Errors per entrant of the step, after / before; null when there were none before. */
  ratio: z.number().nullable(),
  /** The error did not occur at all before the change (then `ratio` is null). */
  newSinceChange: z.boolean(),
  pValue: z.number(),
});
export type ErrorChange = z.infer<typeof ErrorChange>;

export const DesignChange = z.object({
  kind: z.enum(['release', 'campaign', 'page_path', 'variant']),
  name: z.string(),
  /** ISO date it started or was first seen. */
  day: z.string(),
  /** Days from the change (0 = same day). */
  offsetDays: z.number(),
  events: z.number().optional(),
});
export type DesignChange = z.infer<typeof DesignChange>;

export const Verdict = z.enum(['technology', 'design', 'segment', 'unclear']);
export type Verdict = z.infer<typeof Verdict>;

export const Finding = z.object({
  /** 1-based index of the step converted into. */
  step: z.number().int(),
  fromStep: z.string(),
  toStep: z.string(),
  /** First day of the new regime. */
  day: z.string(),
  direction: z.enum(['drop', 'rise']),
  before: Side,
  after: Side,
  deltaPp: z.number(),
  pValue: z.number(),
  verdict: Verdict,
  summary: z.string(),
  evidence: z.array(z.string()),
  concentration: Concentration.nullable(),
  breadth: z.array(Breadth),
  segments: z.array(SegmentChange),
  errors: z.array(ErrorChange),
  designChanges: z.array(DesignChange),
});
export type Finding = z.infer<typeof Finding>;

export const Diagnosis = z.object({
  funnel: z.object({ name: z.string().nullable(), steps: z.array(z.string()), window: z.string() }),
  period: z.object({ from: z.string().nullable(), to: z.string().nullable(), days: z.number() }),
  /** Daily conversion per transition, for charts. */
  series: z.array(
    z.object({ step: z.number().int(), day: z.string(), x: z.number(), n: z.number() }),
  ),
  findings: z.array(Finding),
});
export type Diagnosis = z.infer<typeof Diagnosis>;
