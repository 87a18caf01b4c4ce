// Public surface of the statistical models: CLV (BG/NBD, Gamma-Gamma, RFM), churn risk
// (logistic regression, gradient-boosted trees, metrics, splits), survival (Kaplan–Meier,
// log-rank), and the shared optimiser, random and distribution helpers.

export * from './churn/index.js';
export * from './clv/index.js';
export { chiSquareCdf, chiSquareSf, normalCdf, normalQuantile } from './distributions.js';
export { solveSpd } from './linear-algebra.js';
export * from './optim/index.js';
export {
  mulberry32,
  type Rng,
  sampleBeta,
  sampleExponential,
  sampleGamma,
  sampleNormal,
  shuffledIndices,
} from './random.js';
export { digamma, gammaP, gammaQ, hyp2f1, lbeta, lgamma } from './special.js';
export * from './survival/index.js';
