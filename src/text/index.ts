// Public surface of the text (voice of customer) layer. Other layers import only from here.

export type { ExpandOptions, LearnedTerm } from './aspect-expansion.js';
export { expandAspectTerms, learnAspectTerms } from './aspect-expansion.js';
export {
  ASPECT_NAMES,
  AspectName,
  AspectTaxonomy,
  AspectTerm,
  DEFAULT_TAXONOMY,
} from './aspect-taxonomy.js';
export type { AspectMention } from './aspects.js';
export { aspectsOf, detectAspects, splitSentences } from './aspects.js';
export type { LanguageGuess } from './language.js';
export { guessLanguage } from './language.js';
export type { LogOddsTerm, ShareContrast } from './log-odds.js';
export { shareLogOdds, weightedLogOdds } from './log-odds.js';
export type { RawSentiment, SentimentLabel, SentimentResult } from './sentiment.js';
export {
  labelFor,
  NEUTRAL_BAND,
  normaliseScore,
  scoreSentiment,
  scoreTokens,
} from './sentiment.js';
export type { DayStat, Episode, SpikeOptions } from './spikes.js';
export { dailyStats, detectSpikes, weekdayFactorsOf } from './spikes.js';
export type {
  AspectEvidence,
  CampaignEvidence,
  Storm,
  StormCampaign,
  StormOptions,
  StormPost,
  StormVerdict,
} from './storms.js';
export { ALL_CHANNELS, detectStorms, STORM_VERDICTS } from './storms.js';
export type { SparseVector, TfidfMatrix, TfidfOptions } from './tfidf.js';
export { buildTfidf, extractTerms } from './tfidf.js';
export type { Token, TokenKind } from './tokenize.js';
export { tokenize, tokenizeWords } from './tokenize.js';
export type { Topic, TopicModel, TopicOptions, TopicTrend, TrendPeriod } from './topics.js';
export { findTopics, topicTrend } from './topics.js';
