// Which persons have churned, under the business's churn definition (config/churn.json, read by
// src/metrics/churn): the churn module's lifetimes as of the data end. Returns null (with the
// reason) when the definition cannot be applied to this store.
import type { Store } from '../../store/index.js';
import { buildPopulation, LIFETIMES_TABLE, loadChurnConfig } from '../churn/index.js';

export async function churnedPersons(
  store: Store,
): Promise<{ churned: Set<string>; end: Date } | { churned: null; reason: string }> {
  try {
    const cfg = loadChurnConfig();
    const population = await buildPopulation(store, cfg);
    if (!population)
      return { churned: null, reason: 'no activity in the store to define churn on' };
    const rows = await store.all<{ person_id: string }>(
      `SELECT person_id FROM ${LIFETIMES_TABLE} WHERE churn_at IS NOT NULL`,
    );
    return { churned: new Set(rows.map((r) => r.person_id)), end: population.end };
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return { churned: null, reason: `churn labels unavailable (${reason})` };
  }
}
