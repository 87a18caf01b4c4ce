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

export interface ImportRun {
  importId: string;
  entity: string;
  source: string;
  finishedAt: string | null;
  inserted: number;
  updated: number;
  rejected: number;
  status: string;
}

/** The `limit` latest file imports, newest first. */
export async function latestImports(store: Store, limit: number): Promise<ImportRun[]> {
  const rows = await store.all<{
    import_id: string;
    entity: string;
    source: string;
    finished_at: Date | null;
    rows_inserted: number | null;
    rows_updated: number | null;
    rows_rejected: number | null;
    status: string;
  }>(
    'SELECT import_id, entity, source, finished_at, rows_inserted, rows_updated, rows_rejected, status FROM import_runs ORDER BY started_at DESC LIMIT ?',
    [limit],
  );
  return rows.map((r) => ({
    importId: r.import_id,
    entity: r.entity,
    source: r.source,
    finishedAt: r.finished_at ? r.finished_at.toISOString() : null,
    inserted: r.rows_inserted ?? 0,
    updated: r.rows_updated ?? 0,
    rejected: r.rows_rejected ?? 0,
    status: r.status,
  }));
}
