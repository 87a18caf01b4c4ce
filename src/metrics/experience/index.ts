// Public surface of experience and engagement analytics (import from here, never deep paths).

export {
  CES_SCALE,
  CesResult,
  CesSummary,
  cesFromSummary,
  compareCes,
  computeCes,
  summariseCes,
} from './ces.js';
export { MetricChange, NO_CHANGE } from './change.js';
export {
  DEFAULT_CONFIG_PATH,
  ENGAGEMENT_SIGNALS,
  type EngagementSignal,
  EXPERIENCE_SIGNALS,
  ExperienceConfig,
  type ExperienceSignal,
  loadExperienceConfig,
  parseExperienceConfig,
  QuadrantRule,
  VOICE_SIGNALS,
} from './config.js';
export {
  CSAT_SCALE,
  CsatCounts,
  CsatResult,
  compareCsat,
  computeCsat,
  countCsat,
  csatFromCounts,
} from './csat.js';
export { DeliveryEffect, DeliveryEffectRequest, lateDeliveryEffect } from './delivery-effect.js';
export { Contribution, explainScore, ScoreExplanation } from './explain.js';
export {
  compareNps,
  computeNps,
  countNps,
  NpsCounts,
  NpsResult,
  npsBand,
  npsFromCounts,
} from './nps.js';
export { Overview, overviewReport, SignalReach } from './overview.js';
export {
  computeQuadrantTrend,
  QuadrantCount,
  QuadrantTrendOptions,
  QuadrantTrendRow,
  quadrantSummary,
  readQuadrantTrend,
} from './quadrants.js';
export { type CompiledRule, compileRule, RULE_FIELDS } from './rule.js';
export { computeScores, ScoreRunSummary } from './score-run.js';
export {
  SCATTER_MAX_POINTS,
  ScorePoint,
  ScoreScatter,
  type ScoreScatterOptions,
  scoreScatter,
} from './score-scatter.js';
export { latestActivity, scorePersons } from './scores.js';
export { exportSegment, SegmentMember, SegmentRequest } from './segments.js';
export { BAD_SIGNALS, SIGNALS, type Signal } from './signals.js';
export { SurveyContact, SurveyHistory, surveyHistory } from './survey-history.js';
export {
  SURVEY_DIMENSIONS,
  SurveyMetricRow,
  SurveyMetricsRequest,
  SurveyWave,
  surveyMetrics,
  surveyWaves,
} from './surveys.js';
export {
  PartnerRow,
  partnerReport,
  TOUCHPOINT_SIGNALS,
  TouchpointRow,
  touchpointReport,
} from './touchpoints.js';
