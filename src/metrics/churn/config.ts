// The churn configuration (config/churn.json): what "churned" means for this business
// (subscription end, or no activity for N days), which tables count as activity, the risk
// horizon, the segments survival curves compare, and the model and CLV settings. A user file is
// merged over the defaults (objects key by key) and validated; a bad value fails with its path.
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { mergeConfig, parseConfig, readConfigFile } from '../../lib/config-file.js';

export const ChurnDefinition = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('inactivity'),
    /** A person has churned once they have had no activity for this many days. */
    days: z.number().int().min(1).max(3650).default(90),
  }),
  z.object({ kind: z.literal('subscription') }),
]);
export type ChurnDefinition = z.infer<typeof ChurnDefinition>;

export const ACTIVITY_SOURCES = [
  'orders',
  'events',
  'tickets',
  'survey_responses',
  'posts',
] as const;
export const ActivitySource = z.enum(ACTIVITY_SOURCES);
export type ActivitySource = z.infer<typeof ActivitySource>;

export const SEGMENT_KINDS = ['quadrant', 'partner', 'plan', 'channel'] as const;
export const SegmentKind = z.enum(SEGMENT_KINDS);
export type SegmentKind = z.infer<typeof SegmentKind>;

export const ChurnConfig = z.object({
  definition: ChurnDefinition.default({ kind: 'inactivity', days: 90 }),
  /** Tables whose rows count as activity (inactivity definition; first activity = acquisition). */
  activity: z.array(ActivitySource).min(1).default(['orders']),
  /** Churn-risk label window: churned within this many days after the cutoff. */
  horizon_days: z.number().int().min(7).max(3650).default(90),
  segments: z.array(SegmentKind).default([...SEGMENT_KINDS]),
  sla: z.object({ first_response_hours: z.number().positive().default(24) }).default({
    first_response_hours: 24,
  }),
  risk: z
    .object({
      model: z.enum(['logistic', 'gbt']).default('logistic'),
      l2: z.number().min(0).default(1),
      top_drivers: z.number().int().min(1).max(20).default(3),
      holdout_share: z.number().gt(0).lt(1).default(0.25),
      seed: z.number().int().default(7),
      /** Training snapshots: cutoffs T − H, T − H − step, … (more labelled rows, same rules). */
      snapshots: z.number().int().min(1).max(12).default(3),
      snapshot_step_days: z.number().int().min(1).max(365).default(30),
      /** Drivers are computed and stored for this many highest-risk persons (the rest: null). */
      explain_top: z.number().int().min(0).max(1_000_000).default(1000),
      /** Fits use at most this many training rows (a seeded sample when there are more). */
      max_train_rows: z.number().int().min(100).default(200_000),
    })
    .prefault({}),
  value: z
    .object({
      horizon_months: z.number().int().min(1).max(120).default(12),
      monthly_discount_rate: z.number().gt(-1).lt(1).default(0.01),
    })
    .prefault({}),
});
export type ChurnConfig = z.infer<typeof ChurnConfig>;

export const DEFAULT_CHURN_CONFIG_PATH = fileURLToPath(
  new URL('../../../config/churn.json', import.meta.url),
);

/** Parses a config object (defaults fill what is missing); a bad value names its JSON path. */
export function parseChurnConfig(input: unknown, file = 'churn config'): ChurnConfig {
  return parseConfig(ChurnConfig, input ?? {}, file);
}

/** Loads config/churn.json, with a user file (if given) merged over it. */
export function loadChurnConfig(userPath?: string): ChurnConfig {
  const base = readConfigFile(DEFAULT_CHURN_CONFIG_PATH, 'churn');
  if (!userPath) return parseChurnConfig(base, DEFAULT_CHURN_CONFIG_PATH);
  return parseChurnConfig(mergeConfig(base, readConfigFile(userPath, 'churn')), userPath);
}
