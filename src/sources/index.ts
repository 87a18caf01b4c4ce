export { firstLine, guessDelimiter, parseCsvHeader, type CsvHeader } from './csv-header.js';
export { checkFormat, FileFormat, formatFromName, readHead } from './file-format.js';
export { looksLikeSegment, readPath, SEGMENT_PATHS, type SegmentPath } from './segment-paths.js';
export { parseUserAgent, type ParsedAgent } from './user-agent.js';
