// Inputs and outputs of the voice-of-the-customer functions (schema and type share a name). The
// API validates `/api/voice/*` bodies with the *Input schemas and serialises the outputs with the
// others; the dashboard imports the types.
import { z } from 'zod';
import { AspectTaxonomy, STORM_VERDICTS } from '../../text/index.js';

export const TEXT_KINDS = ['post', 'ticket', 'survey_response', 'idea'] as const;
export const TextKind = z.enum(TEXT_KINDS);
export type TextKind = z.infer<typeof TextKind>;

export const SentimentLabel = z.enum(['negative', 'neutral', 'positive']);
export type SentimentLabel = z.infer<typeof SentimentLabel>;

const IsoDate = z.iso.date();

/** Rows of the derived tables (migration 007_voice.sql). */
export const TextScoreRow = z.object({
  kind: TextKind,
  source: z.string(),
  source_id: z.string(),
  at: z.date(),
  channel: z.string().nullable(),
  language: z.string(),
  scored: z.boolean(),
  score: z.number().min(-1).max(1).nullable(),
  label: SentimentLabel.nullable(),
  aspects: z.array(z.string()),
  text_hash: z.string(),
});
export type TextScoreRow = z.infer<typeof TextScoreRow>;

export const TextAspectRow = z.object({
  kind: TextKind,
  source: z.string(),
  source_id: z.string(),
  aspect: z.string(),
  score: z.number().min(-1).max(1),
  label: SentimentLabel,
});
export type TextAspectRow = z.infer<typeof TextAspectRow>;

// ---- scoreTexts ----
export const ScoreTextsInput = z.object({
  kinds: z
    .array(TextKind)
    .min(1)
    .default([...TEXT_KINDS]),
  /** Score every text again (default: only texts without a score, or whose text changed). */
  rescore: z.boolean().default(false),
  /** Aspect taxonomy (default: the seed taxonomy of src/text). */
  taxonomy: AspectTaxonomy.optional(),
  /** Add terms learned from the texts being scored to the taxonomy (PMI with the seeds). */
  learnTerms: z.boolean().default(false),
  batchSize: z.number().int().min(100).max(1_000_000).default(20_000),
});
export type ScoreTextsInput = z.input<typeof ScoreTextsInput>;

export const ScoreTextsResult = z.object({
  /** Texts scored in this run (English, non-empty). */
  scored: z.number().int(),
  /** Texts stored unscored in this run (another language, or no words). */
  unscored: z.number().int(),
  /** Texts that already had a current score. */
  unchanged: z.number().int(),
  byKind: z.record(z.string(), z.number().int()),
  byLanguage: z.record(z.string(), z.number().int()),
  learnedTerms: z.number().int(),
  ms: z.number(),
});
export type ScoreTextsResult = z.infer<typeof ScoreTextsResult>;

// ---- voiceSummary ----
export const VoiceFilter = z.object({
  /** First day included (UTC, YYYY-MM-DD). */
  from: IsoDate.optional(),
  /** Last day included (UTC, YYYY-MM-DD). */
  to: IsoDate.optional(),
  channel: z.string().min(1).optional(),
});
export type VoiceFilter = z.infer<typeof VoiceFilter>;

export const VoiceSummaryInput = VoiceFilter.extend({
  kinds: z
    .array(TextKind)
    .min(1)
    .default([...TEXT_KINDS]),
  period: z.enum(['day', 'week']).default('week'),
});
export type VoiceSummaryInput = z.input<typeof VoiceSummaryInput>;

const Share = z.object({
  rate: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
});

const LabelCounts = z.object({
  n: z.number().int(),
  negative: z.number().int(),
  neutral: z.number().int(),
  positive: z.number().int(),
  meanScore: z.number().nullable(),
  /** Shares of n with 95% Wilson intervals. */
  negativeShare: Share,
  positiveShare: Share,
});

export const SentimentTrendRow = LabelCounts.extend({
  /** 'YYYY-MM-DD': the day, or the Monday of the ISO week. */
  period: z.string(),
  channel: z.string(),
});
export type SentimentTrendRow = z.infer<typeof SentimentTrendRow>;

export const AspectSentimentRow = LabelCounts.extend({ aspect: z.string() });
export type AspectSentimentRow = z.infer<typeof AspectSentimentRow>;

export const LanguageCount = z.object({
  language: z.string(),
  texts: z.number().int(),
  share: z.number(),
});
export type LanguageCount = z.infer<typeof LanguageCount>;

export const VoiceSummary = z.object({
  period: z.enum(['day', 'week']),
  totals: z.object({
    texts: z.number().int(),
    scored: z.number().int(),
    unscored: z.number().int(),
    /** Texts in the source tables without a row in text_scores (run scoreTexts). */
    pending: z.number().int(),
  }),
  trend: z.array(SentimentTrendRow),
  aspects: z.array(AspectSentimentRow),
  /** Texts not in English, by language (they are not scored). */
  languages: z.array(LanguageCount),
});
export type VoiceSummary = z.infer<typeof VoiceSummary>;

// ---- voiceTopics ----
export const VoiceTopicsInput = VoiceFilter.extend({
  kinds: z.array(TextKind).min(1).default(['post', 'ticket', 'idea']),
  /** Number of topics (default ⌈√(N/20)⌉ clipped to 2..20). */
  k: z.number().int().min(1).max(100).optional(),
  seed: z.number().int().default(42),
  period: z.enum(['day', 'week', 'month']).default('week'),
  examples: z.number().int().min(0).max(20).default(3),
  topTerms: z.number().int().min(1).max(20).default(5),
});
export type VoiceTopicsInput = z.input<typeof VoiceTopicsInput>;

export const TextRef = z.object({
  kind: TextKind,
  source: z.string(),
  sourceId: z.string(),
  at: z.string(),
  channel: z.string().nullable(),
  text: z.string(),
});
export type TextRef = z.infer<typeof TextRef>;

export const VoiceTopic = z.object({
  id: z.number().int(),
  label: z.string(),
  terms: z.array(z.object({ term: z.string(), weight: z.number() })),
  size: z.number().int(),
  share: z.number(),
  byKind: z.record(z.string(), z.number().int()),
  /** Among the topic's scored texts. */
  negativeShare: z.number().nullable(),
  meanScore: z.number().nullable(),
  /** Counts per period, aligned with VoiceTopics.periods. */
  trend: z.array(z.number().int()),
  examples: z.array(TextRef),
});
export type VoiceTopic = z.infer<typeof VoiceTopic>;

export const VoiceTopics = z.object({
  texts: z.number().int(),
  /** Texts with no vocabulary term (no topic). */
  unassigned: z.number().int(),
  period: z.enum(['day', 'week', 'month']),
  periods: z.array(z.string()),
  topics: z.array(VoiceTopic),
});
export type VoiceTopics = z.infer<typeof VoiceTopics>;

// ---- voiceStorms ----
export const VoiceStormsInput = VoiceFilter.extend({
  /** Weeks of same-weekday history behind each day's baseline (default 8). */
  baselineWeeks: z.number().int().min(2).max(52).optional(),
  /** Fewest weeks of same-weekday history for the weekday baseline (default 6). */
  minWeeks: z.number().int().min(1).max(52).optional(),
  /** Fewest days of history for the all-days baseline used before that (default 21). */
  minDays: z.number().int().min(7).max(365).optional(),
  zThreshold: z.number().positive().optional(),
  minCount: z.number().int().min(1).optional(),
  maxGapDays: z.number().int().min(0).max(14).optional(),
  topTerms: z.number().int().min(1).max(100).optional(),
  priorStrength: z.number().positive().optional(),
  campaignLagDays: z.number().int().min(0).max(60).optional(),
  /** Example posts per storm (default 5). */
  examples: z.number().int().min(0).max(50).default(5),
});
export type VoiceStormsInput = z.input<typeof VoiceStormsInput>;

export const StormVerdict = z.enum(STORM_VERDICTS);
export type StormVerdict = z.infer<typeof StormVerdict>;

const ShareContrastFields = {
  focusShare: z.number(),
  referenceShare: z.number(),
  logOdds: z.number(),
  z: z.number(),
};

export const VoiceStorm = z.object({
  channel: z.string(),
  from: IsoDate,
  to: IsoDate,
  days: z.array(
    z.object({
      date: IsoDate,
      count: z.number().int(),
      baseline: z.number(),
      scale: z.number(),
      /** Expected count behind the Poisson score. */
      rate: z.number(),
      z: z.number(),
      /** Baseline from the same weekday, or from all days with weekday factors (short history). */
      basis: z.enum(['weekday', 'all_days']),
    }),
  ),
  /** Negative posts in the storm, and in the reference period before it. */
  posts: z.number().int(),
  referencePosts: z.number().int(),
  terms: z.array(
    z.object({
      term: z.string(),
      focusCount: z.number(),
      referenceCount: z.number(),
      logOdds: z.number(),
      z: z.number(),
    }),
  ),
  aspects: z.array(
    z.object({ aspect: z.string(), focusPosts: z.number().int(), ...ShareContrastFields }),
  ),
  campaigns: z.array(
    z.object({
      campaignId: z.string(),
      name: z.string(),
      kind: z.string(),
      overlapsDates: z.boolean(),
      keywordShare: z.number(),
      referenceKeywordShare: z.number(),
      keywordsInTopTerms: z.array(z.string()),
    }),
  ),
  verdict: StormVerdict,
  /** Excess share (storm − reference) behind each possible verdict. */
  evidence: z.record(StormVerdict, z.number()),
  /** One line a person can read: the verdict and its strongest evidence. */
  explanation: z.string(),
  examples: z.array(TextRef),
});
export type VoiceStorm = z.infer<typeof VoiceStorm>;

export const VoiceStorms = z.object({
  posts: z.number().int(),
  channels: z.array(z.string()),
  campaigns: z.number().int(),
  storms: z.array(VoiceStorm),
});
export type VoiceStorms = z.infer<typeof VoiceStorms>;
