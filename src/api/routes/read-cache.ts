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
