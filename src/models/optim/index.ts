export { type LbfgsOptions, minimizeLbfgs } from './lbfgs.js';
export {
  type MinimizeOptions,
  minimize,
  minimizePositive,
  type PositiveObjective,
} from './minimize.js';
export { minimizeNelderMead, type NelderMeadOptions } from './nelder-mead.js';
export { withNumericGradient } from './numeric-gradient.js';
export type { MinimizeResult, Objective, ObjectiveWithGradient } from './types.js';
