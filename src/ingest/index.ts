export { castSql, MAX_TEXT_CHARS, rejectRules, type CastOptions } from './casts.js';
export {
  importFiles,
  type FileSummary,
  type ImportOptions,
  type ImportSummary,
  type RejectRow,
} from './import-files.js';
export { normaliseName, parseMapArgs, resolveMapping, type ColumnMapping } from './mapping.js';
export type { ImportProgress, ProgressFn } from './progress.js';
