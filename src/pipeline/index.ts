export {
  type LoadDemoOptions,
  type LoadedDemo,
  loadDemo,
  type StageProgress,
} from './load-demo.js';
