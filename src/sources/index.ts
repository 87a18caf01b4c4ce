export {
  type CsvHeader,
  firstLine,
  guessDelimiter,
  headerlessColumns,
  parseCsvHeader,
} from './csv-header.js';
export {
  checkFormat,
  FileFormat,
  formatFromName,
  isGzip,
  readHead,
  readTextHead,
} from './file-format.js';
export { looksLikeSegment, readPath, SEGMENT_PATHS, type SegmentPath } from './segment-paths.js';
export { type ParsedAgent, parseUserAgent } from './user-agent.js';
