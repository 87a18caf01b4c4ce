export {
  type CastOptions,
  castSql,
  checkDateFormat,
  MAX_TEXT_CHARS,
  rejectRules,
} from './casts.js';
export { parseSetArgs } from './constant-columns.js';
export {
  type FileSummary,
  type ImportOptions,
  type ImportSummary,
  importFiles,
} from './import-files.js';
export { type ListRejectsOptions, listRejects, type StoredReject } from './list-rejects.js';
export { type ColumnMapping, normaliseName, parseMapArgs, resolveMapping } from './mapping.js';
export type { ImportProgress, ProgressFn } from './progress.js';
export type { RejectRow } from './reject-rows.js';
