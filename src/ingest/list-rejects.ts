// `cxlens rejects`: rows an import rejected, read back from the rejects table (written by
// importFiles), oldest first within an import. Without an import id or `all`, the latest import
// that rejected anything.
import type { Store } from '../store/index.js';
import type { RejectRow } from './import-files.js';

export interface ListRejectsOptions {
  /** An import id or its first characters. */
  importId?: string | undefined;
  /** Rejects of every import (importId is then ignored). */
  all?: boolean | undefined;
  /** At most this many rows (a whole number ≥ 1). */
  limit: number;
}

/** A stored reject: the fields of RejectRow (as a mapped type, so it is a plain row) with its import and entity. */
export type StoredReject = Pick<RejectRow, keyof RejectRow> & {
  /** The import id's first 8 characters. */
  import: string;
  entity: string;
};

const LATEST_WITH_REJECTS =
  'SELECT import_id FROM import_runs WHERE rows_rejected > 0 ORDER BY started_at DESC LIMIT 1';

export async function listRejects(
  store: Store,
  options: ListRejectsOptions,
): Promise<StoredReject[]> {
  const byPrefix = !options.all && options.importId !== undefined && options.importId !== '';
  const filter = options.all
    ? 'true'
    : byPrefix
      ? 'starts_with(r.import_id, ?)'
      : `r.import_id = (${LATEST_WITH_REJECTS})`;
  const params = byPrefix ? [options.importId ?? '', options.limit] : [options.limit];
  return store.all<StoredReject>(
    `SELECT left(r.import_id, 8) AS import, r.entity, r.file, r.line, r."column", r.value, r.code, r.reason
     FROM rejects r WHERE ${filter} ORDER BY r.rejected_at, r.file, r.line LIMIT ?`,
    params,
  );
}
