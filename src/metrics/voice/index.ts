// Public surface of the voice-of-the-customer metrics: per-text scores in the store, and the
// summary, topics and storms read from them. The API and the CLI import only from here.

export {
  AspectSentimentRow,
  LanguageCount,
  ScoreTextsInput,
  ScoreTextsResult,
  SentimentLabel,
  SentimentTrendRow,
  StormVerdict,
  TEXT_KINDS,
  TextAspectRow,
  TextKind,
  TextRef,
  TextScoreRow,
  VoiceFilter,
  VoiceStorm,
  VoiceStorms,
  VoiceStormsInput,
  VoiceSummary,
  VoiceSummaryInput,
  VoiceTopic,
  VoiceTopics,
  VoiceTopicsInput,
} from './schemas.js';
export type { ScoreProgress, ScoreTextsOptions } from './score-texts.js';
export { scoreTexts } from './score-texts.js';
export type { SentimentFileOptions, SentimentFileSummary } from './sentiment-file.js';
export { scoreTextFile } from './sentiment-file.js';
export { explainStorm, voiceStorms } from './storms.js';
export { voiceSummary } from './summary.js';
export { voiceTopics } from './topics.js';
