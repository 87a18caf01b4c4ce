export {
  type ChurnModel,
  ChurnModelOptions,
  type Driver,
  fitChurnModel,
  toBinaryLabels,
} from './churn-model.js';
export * from './column-plan.js';
export { type DesignMatrix, type Encoder, fitEncoder, readNumber } from './encoder.js';
export {
  CategoricalFeature,
  type FeatureRow,
  FeatureSpec,
  FeatureSpecList,
  type FeatureValue,
  MISSING_LEVEL,
  NumericFeature,
} from './feature-spec.js';
export {
  fitGbt,
  type GbtModel,
  type GbtOptions,
  type GbtTree,
  gbtContributions,
  predictGbt,
} from './gbt.js';
export {
  fitLogistic,
  type LogisticModel,
  type LogisticOptions,
  logisticContributions,
  predictLogistic,
} from './logistic.js';
export { brierScore, logLoss, prAuc, rocAuc } from './metrics.js';
export { type IndexSplit, splitByTime, stratifiedSplit, type TimeSplit } from './split.js';
