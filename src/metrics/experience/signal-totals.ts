// Each signal's totals over person_signals of the latest run: occurrences and decayed count per
// signal code. Read once per overview and shared by the signal reach and the touchpoint report.
import type { Store } from '../../store/index.js';

export type SignalTotals = Map<number, { occurrences: number; decayed: number }>;

export async function signalTotals(store: Store): Promise<SignalTotals> {
  const rows = await store.all<{ signal: number; occ: number; d: number | null }>(
    'SELECT signal, CAST(sum(n) AS BIGINT) AS occ, sum(d) AS d FROM person_signals GROUP BY signal',
  );
  return new Map(
    rows.map((r) => [Number(r.signal), { occurrences: Number(r.occ), decayed: Number(r.d ?? 0) }]),
  );
}
