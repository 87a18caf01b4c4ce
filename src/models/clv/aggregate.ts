// Collapses customers with identical (x, t_x, T) into one row with a count, so the likelihood
// costs one term per distinct triple. With day-resolution data the distinct triples are far
// fewer than the customers; the answer is identical to the per-customer sum.

import { InputError } from '../../lib/errors.js';

export interface AggregatedTriples {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  count: Float64Array;
  /** Index into `xValues` for each triple. */
  xIndex: Uint32Array;
  /** Distinct x values. */
  xValues: Float64Array;
  customers: number;
}

/**
 * The distinct values of `xs` in ascending order (`xValues`) and the position of each x among
 * them (`xIndex`), so terms that depend on x alone are computed once per distinct x.
 */
export function indexDistinctX(xs: readonly number[]): {
  xIndex: Uint32Array;
  xValues: Float64Array;
} {
  const xValues = Float64Array.from(new Set(xs)).sort();
  const pos = new Map<number, number>();
  xValues.forEach((v, i) => {
    pos.set(v, i);
  });
  return { xIndex: Uint32Array.from(xs, (v) => pos.get(v)!), xValues };
}

/** Validates and aggregates (x, t_x, T); throws InputError `INPUT_BAD_SUMMARY` with the row. */
export function aggregateTriples(
  frequency: ArrayLike<number>,
  recency: ArrayLike<number>,
  T: ArrayLike<number>,
): AggregatedTriples {
  const n = frequency.length;
  if (recency.length !== n || T.length !== n) {
    throw new InputError('INPUT_BAD_SUMMARY', 'summary: frequency, recency and T differ in length');
  }
  const keyToRow = new Map<string, number>();
  const xs: number[] = [];
  const txs: number[] = [];
  const Ts: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = frequency[i]!;
    const tx = recency[i]!;
    const t = T[i]!;
    if (
      !(Number.isInteger(x) && x >= 0 && tx >= 0 && t > 0 && tx <= t + 1e-9) ||
      (x === 0 && tx !== 0)
    ) {
      throw new InputError(
        'INPUT_BAD_SUMMARY',
        `summary row ${i}: (x=${x}, t_x=${tx}, T=${t}) is not a valid summary (expected integer x >= 0, 0 <= t_x <= T, T > 0, t_x = 0 when x = 0)`,
        { where: { index: i } },
      );
    }
    const key = `${x},${tx},${t}`;
    const row = keyToRow.get(key);
    if (row === undefined) {
      keyToRow.set(key, xs.length);
      xs.push(x);
      txs.push(tx);
      Ts.push(t);
      counts.push(1);
    } else counts[row] = counts[row]! + 1;
  }
  return {
    x: Float64Array.from(xs),
    tx: Float64Array.from(txs),
    T: Float64Array.from(Ts),
    count: Float64Array.from(counts),
    ...indexDistinctX(xs),
    customers: n,
  };
}
