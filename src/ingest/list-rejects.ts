// `cxlens rejects`: rows an import rejected, read back from the rejects table (written by
// importFiles), oldest first within an import. Without an import id or `all`, the latest import,
// even when it rejected nothing: showing an older import's rejects would pass them off as current.
import { InputError, NotFoundError } from '../lib/errors.js';
import type { Store } from '../store/index.js';
import type { RejectRow } from './reject-rows.js';

export interface ListRejectsOptions {
  /** An import id or its first characters. */
  importId?: string | undefined;
  /** Rejects of every import (importId is then ignored). */
  all?: boolean | undefined;
  /** At most this many rows (a whole number ≥ 1). */
  limit: number;
  /** Rows to skip first (default 0), for paging. */
  offset?: number | undefined;
}

/** A stored reject: the fields of RejectRow (as a mapped type, so it is a plain row) with its import and entity. */
export type StoredReject = Pick<RejectRow, keyof RejectRow> & {
  /** The import id's first 8 characters. */
  import: string;
  entity: string;
};

/** The import whose rejects are listed. */
export interface ImportRef {
  importId: string;
  entity: string;
  source: string;
  /** Rows it rejected (all of them, not only those stored). */
  rejected: number;
}

export interface RejectsListing {
  /** The import shown; null with `all`, or when the store has no import yet. */
  run: ImportRef | null;
  rows: StoredReject[];
}

const RUN_COLUMNS =
  'import_id AS "importId", entity, source, coalesce(rows_rejected, 0) AS rejected';

export async function listRejects(
  store: Store,
  options: ListRejectsOptions,
): Promise<RejectsListing> {
  const run = options.all ? null : await findImport(store, options.importId);
  if (!options.all && !run) return { run: null, rows: [] };
  const rows = await store.all<StoredReject>(
    `SELECT left(r.import_id, 8) AS import, r.entity, r.file, r.line, r."column", r.value, r.code, r.reason
     FROM rejects r WHERE ${run ? 'r.import_id = ?' : 'true'} ORDER BY r.rejected_at, r.file, r.line LIMIT ? OFFSET ?`,
    [...(run ? [run.importId] : []), options.limit, options.offset ?? 0],
  );
  return { run, rows };
}

/** The import with this id prefix (NOT_FOUND_IMPORT if none), or the latest one. */
async function findImport(store: Store, prefix: string | undefined): Promise<ImportRef | null> {
  if (prefix === undefined || prefix === '') {
    const latest = await store.one<ImportRef & Record<string, unknown>>(
      `SELECT ${RUN_COLUMNS} FROM import_runs ORDER BY started_at DESC, finished_at DESC LIMIT 1`,
    );
    return latest ?? null;
  }
  const found = await store.all<ImportRef & Record<string, unknown>>(
    `SELECT ${RUN_COLUMNS} FROM import_runs WHERE starts_with(import_id, ?) LIMIT 2`,
    [prefix],
  );
  if (found.length === 0) {
    throw new NotFoundError(
      'NOT_FOUND_IMPORT',
      `import "${prefix}": no such import (see the ids in cxlens status)`,
    );
  }
  if (found.length > 1) {
    throw new InputError(
      'INPUT_AMBIGUOUS_IMPORT',
      `import "${prefix}": matches several imports (give more characters)`,
    );
  }
  return found[0] ?? null;
}
