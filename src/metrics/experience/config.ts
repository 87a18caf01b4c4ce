// The experience configuration (config/experience.json, checked in with sensible defaults):
// thresholds, SLA hours, signal weights, recency half-life, quadrant rules and survey settings.
// A user file is merged over the defaults (objects key by key, arrays replaced) and validated
// with zod; a bad value fails with its JSON path.
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { mergeConfig, parseConfig, readConfigFile } from '../../lib/config-file.js';

export const EXPERIENCE_SIGNALS = [
  'checkout_abandoned',
  'payment_failed',
  'error_event',
  'slow_page',
  'late_delivery',
  'on_time_delivery',
  'return_refund',
  'slow_first_response',
  'slow_resolution',
  'reopened_ticket',
  'repeat_contact',
  'no_return_after_bad',
  'partner_in_path',
  'survey_nps',
  'survey_csat',
  'survey_ces',
  'ticket_csat',
] as const;
export type ExperienceSignal = (typeof EXPERIENCE_SIGNALS)[number];

export const ENGAGEMENT_SIGNALS = [
  'survey_answer',
  'post',
  'review',
  'like',
  'idea',
  'vote',
  'login',
  'purchase',
  'referral',
] as const;
export type EngagementSignal = (typeof ENGAGEMENT_SIGNALS)[number];

/** Voice: explicit, countable things a person said to the company (not decayed). */
export const VOICE_SIGNALS = [
  'survey_answer',
  'post',
  'review',
  'idea',
  'complaint_ticket',
] as const;

const names = z.array(z.string().min(1));
const weights = <T extends readonly [string, ...string[]]>(keys: T) =>
  z.object(
    Object.fromEntries(keys.map((k) => [k, z.number().finite()])) as Record<T[number], z.ZodNumber>,
  );

export const QuadrantRule = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'a lower-case name such as silent_at_risk'),
  rule: z.string().min(1),
});
export type QuadrantRule = z.infer<typeof QuadrantRule>;

export const ExperienceConfig = z.object({
  /** Only activity in (asOf − lookback_days, asOf] counts. */
  lookback_days: z.number().int().min(1),
  /** Recency decay: an occurrence half_life_days old weighs 1/2. */
  half_life_days: z.number().positive(),
  late_delivery: z.object({
    /** 'day': delivered on a later calendar day than promised; 'time': later timestamp. */
    compare: z.enum(['day', 'time']),
    grace_hours: z.number().min(0),
  }),
  checkout: z.object({
    started_events: names,
    completed_events: names,
    window_hours: z.number().positive(),
  }),
  events: z.object({
    payment_failed: names,
    error: names,
    login: names,
    like: names,
    vote: names,
    referral: names,
    review: names,
  }),
  slow_page: z.object({
    property: z.string().regex(/^[a-zA-Z0-9_]+$/),
    threshold_ms: z.number().positive(),
  }),
  sla: z.object({
    first_response_hours: z.number().positive(),
    resolution_hours: z.number().positive(),
  }),
  repeat_contact_days: z.number().positive(),
  no_return_days: z.number().positive(),
  complaint_categories: names,
  review_channels: names,
  experience: z.object({ base: z.number().min(0).max(100), weights: weights(EXPERIENCE_SIGNALS) }),
  engagement: z.object({ scale: z.number().positive(), weights: weights(ENGAGEMENT_SIGNALS) }),
  voice: z.object({ signals: z.array(z.enum(VOICE_SIGNALS)) }),
  quadrants: z.array(QuadrantRule).min(1),
  churn: z.object({ horizon_days: z.number().int().min(1) }),
  surveys: z.object({
    min_n: z.number().int().min(1),
    confidence: z.number().gt(0).lt(1),
    alpha: z.number().gt(0).lt(1),
  }),
});
export type ExperienceConfig = z.infer<typeof ExperienceConfig>;

export const DEFAULT_CONFIG_PATH = fileURLToPath(
  new URL('../../../config/experience.json', import.meta.url),
);

/** Validates a config object (already merged over the defaults when partial). */
export function parseExperienceConfig(
  value: unknown,
  file = 'experience config',
): ExperienceConfig {
  return parseConfig(ExperienceConfig, value, file);
}

/** The checked-in defaults, or a user file (or object) merged over them. */
export function loadExperienceConfig(
  override?: string | Record<string, unknown>,
): ExperienceConfig {
  const defaults = readConfigFile(DEFAULT_CONFIG_PATH, 'experience');
  if (override === undefined) return parseExperienceConfig(defaults, DEFAULT_CONFIG_PATH);
  if (typeof override === 'string')
    return parseExperienceConfig(
      mergeConfig(defaults, readConfigFile(override, 'experience')),
      override,
    );
  return parseExperienceConfig(mergeConfig(defaults, override));
}
