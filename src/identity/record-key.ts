// Record keys '<source>:<source_id>' address one customer record. The source never contains ':'
// (source names are short system names); the source id may, so only the first ':' splits.
import { InputError } from '../lib/errors.js';

export interface RecordRef {
  source: string;
  sourceId: string;
}

export function parseRecordKey(key: string): RecordRef {
  const colon = key.indexOf(':');
  if (colon <= 0 || colon === key.length - 1) {
    throw new InputError(
      'INPUT_BAD_RECORD_KEY',
      `record key "${key}": not of the form <source>:<source_id> (expected e.g. crm:C-1042)`,
      { where: { field: 'record' } },
    );
  }
  return { source: key.slice(0, colon), sourceId: key.slice(colon + 1) };
}

export function recordKey(source: string, sourceId: string): string {
  return `${source}:${sourceId}`;
}
