export { type AnalysisStep, analyse } from './analyse.js';
export { type Findings, summariseFindings } from './findings.js';
export {
  type LoadDemoOptions,
  type LoadedDemo,
  loadDemo,
  type StageProgress,
} from './load-demo.js';
