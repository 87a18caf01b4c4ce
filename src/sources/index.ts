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
  openText,
  readHead,
  readTextHead,
} from './file-format.js';
export { looksLikeSegment, readPath, SEGMENT_PATHS, type SegmentPath } from './segment-paths.js';
export { type ParsedAgent, parseUserAgent } from './user-agent.js';
export { WHITESPACE_DELIMITER, type WhitespaceCopy, whitespaceToTsv } from './whitespace-file.js';
