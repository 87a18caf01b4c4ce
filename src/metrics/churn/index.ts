// Public surface of churn and customer value on the store: churn definition config, monthly
// churn rate with intervals and trend, cohort retention (customers and revenue), Kaplan–Meier
// survival by segment, saved segments (retention cells), churn risk with drivers, and CLV, and
// the stored risk and value lists page by page.
export { churnRates, describeDefinition } from './churn-rate.js';
export { cohortRetention } from './cohorts.js';
export {
  ACTIVITY_SOURCES,
  ActivitySource,
  ChurnConfig,
  ChurnDefinition,
  DEFAULT_CHURN_CONFIG_PATH,
  loadChurnConfig,
  parseChurnConfig,
  SEGMENT_KINDS,
  SegmentKind,
} from './config.js';
export { buildFeatures, type FeatureSet, NUMERIC_FEATURES, SCORE_FEATURES } from './features.js';
export { buildPopulation, LIFETIMES_TABLE, type Population } from './population.js';
export { churnRisk, type RiskProgress, topChurnRisk } from './risk.js';
export { listChurnRisk, listCustomerValue } from './risk-list.js';
export {
  ChurnRateMonth,
  ChurnRateOptions,
  ChurnRates,
  ChurnRiskItem,
  ChurnRiskList,
  ChurnRiskOptions,
  ChurnRiskResult,
  ChurnRiskRow,
  ChurnRiskRun,
  ChurnTrend,
  CohortCell,
  CohortRetention,
  CustomerValueItem,
  CustomerValueList,
  CustomerValueOptions,
  CustomerValueResult,
  CustomerValueRow,
  ListPage,
  RiskDriver,
  SaveCellOptions,
  SavedSegment,
  SurvivalBySegment,
  SurvivalGroup,
  SurvivalPoint,
  SurvivalSegment,
} from './schemas.js';
export {
  listSegments,
  requireSegment,
  type SegmentInput,
  saveRetentionCell,
  saveSegment,
} from './segments.js';
export { NO_SEGMENT, SURVIVAL_CHECKPOINTS_DAYS, survivalBySegment } from './survival.js';
export { mannKendall, type Trend } from './trend.js';
export { customerValue, readRfmSummary, topCustomerValue, type ValueProgress } from './value.js';
