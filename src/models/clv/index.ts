export { type AggregatedTriples, aggregateTriples } from './aggregate.js';
export {
  type BgNbdFit,
  bgNbdConditionalExpectedPurchases,
  bgNbdExpectedPurchases,
  bgNbdLogLikelihood,
  bgNbdProbabilityAlive,
  bgNbdProbabilityOfPurchases,
  type FitBgNbdOptions,
  fitBgNbd,
} from './bg-nbd.js';
export { type ClvOptions, computeClv, UNITS_PER_MONTH } from './clv.js';
export {
  fitGammaGamma,
  type GammaGammaFit,
  gammaGammaExpectedAverageValue,
  gammaGammaLogLikelihood,
} from './gamma-gamma.js';
export {
  buildRfmSummary,
  countHoldoutPurchases,
  type RfmOptions,
  type Transaction,
  toDayNumber,
} from './rfm-summary.js';
export { type SimulatedSummary, type SimulateOptions, simulateCustomers } from './simulate.js';
export {
  type BgNbdParams,
  DAYS_PER_UNIT,
  type FitInfo,
  type GammaGammaParams,
  type RfmSummary,
  type TimeUnit,
} from './types.js';
