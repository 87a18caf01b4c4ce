export {
  type KaplanMeierCurve,
  type KaplanMeierRow,
  kaplanMeier,
  type SurvivalData,
  survivalAt,
  validateSurvivalData,
} from './kaplan-meier.js';
export { type LogRankResult, logRankTest } from './log-rank.js';
