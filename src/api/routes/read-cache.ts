// A small cache for answers that are slow to compute (a funnel over every event): each entry is
// kept with the version of the data it was computed from — a cheap fingerprint query — and is
// recomputed as soon as that version changes, so a cached answer is never stale.
import type { Store } from '../../store/index.js';

export class VersionedCache<V> {
  private readonly entries = new Map<string, { version: string; value: V }>();
  constructor(private readonly maxEntries = 64) {}

  async get(key: string, version: string, compute: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && hit.version === version) {
      this.entries.delete(key);
      this.entries.set(key, hit); // most recently used last
      return hit.value;
    }
    const value = await compute();
    this.entries.delete(key);
    this.entries.set(key, { version, value });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return value;
  }
}

/** The version of the events and of identity resolution: row count, latest timestamps. */
export async function eventsVersion(store: Store): Promise<string> {
  const row = await store.one<{ n: number; t: Date | null; r: Date | null; k: number }>(
    `SELECT count(*) AS n, max(coalesce(received_at, "timestamp")) AS t,
       (SELECT max(finished_at) FROM identity_runs) AS r, (SELECT count(*) FROM person_keys) AS k
     FROM events`,
  );
  return `${row?.n ?? 0}|${row?.t?.getTime() ?? ''}|${row?.r?.getTime() ?? ''}|${row?.k ?? 0}`;
}

/**
 * The version of some tables: their row counts, plus the latest import and analysis runs (an
 * import or a re-run analysis changes it even when a count stays the same). Cheap: DuckDB keeps
 * row counts, and the run tables are small.
 */
export async function tablesVersion(store: Store, tables: readonly string[]): Promise<string> {
  const counts = tables.map((t, i) => `(SELECT count(*) FROM ${t}) AS c${i}`).join(', ');
  const row = await store.one<Record<string, unknown>>(
    `SELECT ${counts ? `${counts}, ` : ''}
       (SELECT count(*) FROM import_runs) AS imports,
       (SELECT max(finished_at) FROM identity_runs) AS identity,
       (SELECT max(computed_at) FROM score_runs) AS scores,
       (SELECT max(computed_at) FROM churn_risk_runs) AS churn,
       (SELECT max(computed_at) FROM customer_value_runs) AS value,
       (SELECT count(*) FROM segments) AS segments`,
  );
  return Object.values(row ?? {})
    .map((v) => (v instanceof Date ? v.getTime() : String(v ?? '')))
    .join('|');
}

/** Runs one computation at a time (analyses that rebuild per-connection temp tables). */
export class Serial {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.tail.then(task, task);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

const churnSerials = new WeakMap<Store, Serial>();

/** The one queue of a store for analyses that rebuild the churn temp tables (churn, ideas). */
export function churnSerial(store: Store): Serial {
  let s = churnSerials.get(store);
  if (!s) {
    s = new Serial();
    churnSerials.set(store, s);
  }
  return s;
}
