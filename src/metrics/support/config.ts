// The support configuration: SLA hours (first response, resolution; optionally per priority), the
// repeat-contact window, and how recurring issues and spikes are found. Layers, later wins:
// built-in defaults ← config/experience.json (its `sla` and `repeat_contact_days`, so support and
// the experience score judge a ticket by the same service level) ← config/support.json ← a user
// file. config/support.json deliberately does not repeat the experience SLA hours.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { isPlainObject, mergeConfig, parseConfig, readConfigFile } from '../../lib/config-file.js';

export const SlaHours = z.object({
  first_response_hours: z.number().positive(),
  resolution_hours: z.number().positive(),
});
export type SlaHours = z.infer<typeof SlaHours>;

export const SupportConfig = z.object({
  sla: SlaHours.extend({
    /** Overrides per ticket priority (e.g. { "urgent": { "first_response_hours": 4, … } }). */
    by_priority: z.record(z.string(), SlaHours.partial()).default({}),
  }),
  /** A ticket opened within this many days after the same person's previous one is a repeat contact. */
  repeat_contact_days: z.number().int().positive(),
  recurring: z.object({
    /** The recent window: the last N weeks up to the end of the period. */
    recent_weeks: z.number().int().min(1).max(52),
    /** Issues with fewer tickets in the recent window are never flagged. */
    min_tickets: z.number().int().min(1),
    /** Benjamini–Hochberg false discovery rate across issues. */
    fdr: z.number().gt(0).lt(1),
    /** Smallest share ratio (recent / baseline) worth calling rising. */
    min_ratio: z.number().min(1),
    /** k-means restarts (best objective kept). */
    seeds: z.number().int().min(1).max(20),
    /** Clusters whose centroids have at least this cosine are one issue. */
    merge_cosine: z.number().gt(0).max(1),
    /** Number of clusters before merging (default from the ticket count). */
    k: z.number().int().min(2).max(200).optional(),
  }),
  spikes: z.object({
    z_threshold: z.number().positive(),
    min_count: z.number().int().min(1),
  }),
});
export type SupportConfig = z.infer<typeof SupportConfig>;

export const DEFAULT_SUPPORT_CONFIG_PATH = fileURLToPath(
  new URL('../../../config/support.json', import.meta.url),
);
const EXPERIENCE_CONFIG_PATH = fileURLToPath(
  new URL('../../../config/experience.json', import.meta.url),
);

const BUILT_IN = {
  sla: { first_response_hours: 24, resolution_hours: 72, by_priority: {} },
  repeat_contact_days: 7,
  recurring: {
    recent_weeks: 6,
    min_tickets: 5,
    fdr: 0.05,
    min_ratio: 1.5,
    seeds: 3,
    merge_cosine: 0.7,
  },
  spikes: { z_threshold: 4, min_count: 5 },
};

/** The SLA and repeat-contact settings of config/experience.json, when it has them. */
function fromExperience(path: string): unknown {
  if (!existsSync(path)) return {};
  const exp = readConfigFile(path, 'experience');
  if (!isPlainObject(exp)) return {};
  const out: Record<string, unknown> = {};
  if (isPlainObject(exp.sla)) out.sla = exp.sla;
  if (typeof exp.repeat_contact_days === 'number') {
    out.repeat_contact_days = exp.repeat_contact_days;
  }
  return out;
}

/** Validates a (merged) config object; a bad value names its JSON path. */
export function parseSupportConfig(input: unknown, file = 'support config'): SupportConfig {
  return parseConfig(SupportConfig, mergeConfig(BUILT_IN, input ?? {}), file);
}

export interface LoadSupportConfigOptions {
  /** A user file merged over config/support.json. */
  userPath?: string;
  /** Defaults to config/support.json. */
  supportPath?: string;
  /** Defaults to config/experience.json (skipped when missing). */
  experiencePath?: string;
}

/** Loads the support config: defaults ← experience SLA ← config/support.json ← user file. */
export function loadSupportConfig(options: LoadSupportConfigOptions = {}): SupportConfig {
  const supportPath = options.supportPath ?? DEFAULT_SUPPORT_CONFIG_PATH;
  let merged = fromExperience(options.experiencePath ?? EXPERIENCE_CONFIG_PATH);
  if (existsSync(supportPath)) merged = mergeConfig(merged, readConfigFile(supportPath, 'support'));
  if (options.userPath) merged = mergeConfig(merged, readConfigFile(options.userPath, 'support'));
  return parseSupportConfig(merged, options.userPath ?? supportPath);
}
