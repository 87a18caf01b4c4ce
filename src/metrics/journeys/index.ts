// Public surface of journeys: funnels, paths and the diagnosis of conversion drops.

export { diagnoseFunnel } from './diagnose.js';
export * from './diagnose-schemas.js';
export { DIMENSION_COLUMNS, TECH_DIMENSIONS } from './dimensions.js';
export { computeFunnel } from './funnel.js';
export { computePaths } from './paths.js';
export * from './paths-schemas.js';
export {
  DEFAULT_FUNNELS_PATH,
  getFunnel,
  listFunnels,
  loadFunnelConfig,
  saveFunnel,
} from './saved.js';
export * from './schemas.js';
export { stepKey } from './steps.js';
