// What the store holds, over the canonical tables and the import log: the span of the activity,
// row counts per entity and source, and the latest imports. Shared by `cxlens status`, the API's
// overview and the default as-of date of the analyses. Table and column names come from our own
// schemas; values are bound.
import { ENTITIES } from '../../schemas/index.js';
import type { SqlParam, Store } from '../db.js';

/** Activity tables and the timestamp that places each row in time. */
const ACTIVITY_TIMES = [
  { table: 'events', at: 'timestamp' },
  { table: 'orders', at: 'placed_at' },
  { table: 'tickets', at: 'opened_at' },
  { table: 'survey_responses', at: 'responded_at' },
  { table: 'posts', at: 'posted_at' },
  { table: 'ideas', at: 'created_at' },
] as const;

/** The first and the last activity in the store, or undefined when it has none. */
export async function activitySpan(store: Store): Promise<{ first: Date; last: Date } | undefined> {
  const parts = ACTIVITY_TIMES.map(
    (a) => `SELECT min("${a.at}") AS lo, max("${a.at}") AS hi FROM ${a.table}`,
  );
  const row = await store.one<{ lo: Date | null; hi: Date | null }>(
    `SELECT min(lo) AS lo, max(hi) AS hi FROM (${parts.join(' UNION ALL ')})`,
  );
  return row?.lo && row.hi ? { first: row.lo, last: row.hi } : undefined;
}

export type SourceCount = {
  entity: string;
  source: string;
  rows: number;
};

/** Rows per entity and source (of one source when given). */
export async function countRows(store: Store, source?: string): Promise<SourceCount[]> {
  const params: SqlParam[] = [];
  const parts = Object.values(ENTITIES).map((e) => {
    if (source) params.push(source);
    return `SELECT '${e.name}' AS entity, source, count(*) AS rows FROM ${e.table}${source ? ' WHERE source = ?' : ''} GROUP BY source`;
  });
  return store.all<SourceCount>(`${parts.join(' UNION ALL ')} ORDER BY entity, source`, params);
}

/** One file import as recorded in import_runs (counts are 0 where a run stopped early). */
export interface ImportRunRecord {
  importId: string;
  entity: string;
  source: string;
  files: string[];
  startedAt: string;
  finishedAt: string | null;
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  status: string;
}

/** File imports, newest first, one page of them, with how many there are in all. */
export async function listImports(
  store: Store,
  page: { limit: number; offset?: number },
): Promise<{ items: ImportRunRecord[]; total: number }> {
  const rows = await store.all<
    Omit<ImportRunRecord, 'startedAt' | 'finishedAt'> & {
      startedAt: Date;
      finishedAt: Date | null;
    }
  >(
    `SELECT import_id AS "importId", entity, source, files, started_at AS "startedAt",
       finished_at AS "finishedAt", coalesce(rows_read, 0) AS read,
       coalesce(rows_inserted, 0) AS inserted, coalesce(rows_updated, 0) AS updated,
       coalesce(rows_unchanged, 0) AS unchanged, coalesce(rows_rejected, 0) AS rejected, status
     FROM import_runs ORDER BY started_at DESC, import_id LIMIT ? OFFSET ?`,
    [page.limit, page.offset ?? 0],
  );
  const total = await store.one<{ n: number }>('SELECT count(*) AS n FROM import_runs');
  return {
    items: rows.map((r) => ({
      ...r,
      startedAt: r.startedAt.toISOString(),
      finishedAt: r.finishedAt ? r.finishedAt.toISOString() : null,
    })),
    total: total?.n ?? 0,
  };
}

export type ImportRun = Pick<
  ImportRunRecord,
  'importId' | 'entity' | 'source' | 'finishedAt' | 'inserted' | 'updated' | 'rejected' | 'status'
>;

/** The `limit` latest file imports, newest first (the few fields status reports show). */
export async function latestImports(store: Store, limit: number): Promise<ImportRun[]> {
  const { items } = await listImports(store, { limit });
  return items.map(
    ({ importId, entity, source, finishedAt, inserted, updated, rejected, status }) => ({
      importId,
      entity,
      source,
      finishedAt,
      inserted,
      updated,
      rejected,
      status,
    }),
  );
}
