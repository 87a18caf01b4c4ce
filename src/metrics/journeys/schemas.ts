// Input and output shapes of funnels, paths and diagnosis: zod schemas with types of the same
// name, reused as API schemas and CLI option parsers.
import { z } from 'zod';
import { windowMs } from './steps.js';

const WINDOW = /^\d+(\.\d+)?\s*(w|d|h|m|s)$/i;

/**
 * "1d", "12h", "30m", "90s" or "2w": a conversion window. Zero (or less than a millisecond) is
 * refused: no second step can follow within it, so every rate would read 0% as if measured.
 */
export const WindowText = z
  .string()
  .regex(WINDOW, 'expected a duration such as 1d, 12h, 30m or 2w')
  // Only a well-formed duration is measured (windowMs throws on anything else).
  .refine((text) => !WINDOW.test(text) || windowMs(text) > 0, {
    error: 'expected a duration above zero such as 1d, 12h, 30m or 2w',
  });

export const FunnelOrder = z.enum(['sequential', 'strict']);
export type FunnelOrder = z.infer<typeof FunnelOrder>;

export const FunnelInterval = z.enum(['day', 'week']);
export type FunnelInterval = z.infer<typeof FunnelInterval>;

/** A saved funnel: a name, its steps (event names or `page:/path`), and defaults for queries. */
export const FunnelDefinition = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/i, 'letters, digits, _ and -'),
  description: z.string().optional(),
  steps: z.array(z.string().min(1)).min(2).max(20),
  window: WindowText.default('1d'),
  order: FunnelOrder.default('sequential'),
  by: z.array(z.string()).default([]),
});
export type FunnelDefinition = z.infer<typeof FunnelDefinition>;

export const FunnelConfig = z.object({ funnels: z.array(FunnelDefinition) });
export type FunnelConfig = z.infer<typeof FunnelConfig>;

const DateText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/, 'expected an ISO date such as 2024-03-01');

export const FunnelQuery = z.object({
  steps: z.array(z.string().min(1)).min(2).max(20),
  window: WindowText.default('1d'),
  order: FunnelOrder.default('sequential'),
  /** Breakdown dimensions (combined): browser, os, device, app_version, country, channel, campaign, variant, prop:<key> … */
  by: z.array(z.string()).max(8).default([]),
  /** Which step's event gives the breakdown value: first, last (the last step reached) or a step (1-based or its name). */
  byStep: z.union([z.literal('first'), z.literal('last'), z.string().min(1)]).default('first'),
  interval: FunnelInterval.optional(),
  /** Entries whose first step falls in [from, to). */
  from: DateText.optional(),
  to: DateText.optional(),
  /** Ignore groups with fewer entries than this in `groups` (they still count in the total). */
  minGroupSize: z.number().int().min(0).default(0),
});
export type FunnelQuery = z.infer<typeof FunnelQuery>;
export type FunnelQueryInput = z.input<typeof FunnelQuery>;

export const Rate = z.object({
  rate: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
});
export type Rate = z.infer<typeof Rate>;

export const TimeToConvert = z.object({
  /** Quantiles of the time from the previous step, in milliseconds. */
  p10Ms: z.number().nullable(),
  p25Ms: z.number().nullable(),
  p50Ms: z.number().nullable(),
  p75Ms: z.number().nullable(),
  p90Ms: z.number().nullable(),
  meanMs: z.number().nullable(),
  histogram: z.array(
    z.object({ label: z.string(), upToMs: z.number().nullable(), count: z.number() }),
  ),
});
export type TimeToConvert = z.infer<typeof TimeToConvert>;

export const FunnelStepStats = z.object({
  step: z.number().int(),
  label: z.string(),
  count: z.number(),
  /** From the first step, with a 95% Wilson interval. */
  fromStart: Rate,
  /** From the previous step, with a 95% Wilson interval. */
  fromPrevious: Rate,
  timeToConvert: TimeToConvert.nullable(),
});
export type FunnelStepStats = z.infer<typeof FunnelStepStats>;

export const FunnelGroup = z.object({
  /** Breakdown values, e.g. { browser: 'Safari' }; 'unknown' where the step event had none. */
  key: z.record(z.string(), z.string()),
  entered: z.number(),
  steps: z.array(FunnelStepStats),
});
export type FunnelGroup = z.infer<typeof FunnelGroup>;

export const FunnelSeriesPoint = FunnelGroup.extend({ bucket: z.string() });
export type FunnelSeriesPoint = z.infer<typeof FunnelSeriesPoint>;

export const FunnelResult = z.object({
  steps: z.array(
    z.object({ step: z.number().int(), label: z.string(), matches: z.array(z.string()) }),
  ),
  windowMs: z.number(),
  order: FunnelOrder,
  by: z.array(z.string()),
  byStep: z.string(),
  interval: FunnelInterval.nullable(),
  actor: z.enum(['person', 'user_or_anonymous']),
  total: FunnelGroup,
  groups: z.array(FunnelGroup),
  series: z.array(FunnelSeriesPoint),
});
export type FunnelResult = z.infer<typeof FunnelResult>;
