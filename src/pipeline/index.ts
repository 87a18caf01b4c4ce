export {
  type LoadDemoOptions,
  type LoadedDemo,
  loadDemo,
  type StageProgress,
} from './load-demo.js';
export { type AnalysisStep, analyse } from './analyse.js';
