// Reading DuckDB results as columns (typed arrays), never as row objects: what keeps a million
// persons cheap in the churn analyses.
import { type DuckDBDataChunk, DuckDBTypeId } from '@duckdb/node-api';
import type { Store } from '../../store/index.js';

/**
 * Reads a query's result as columns, chunk by chunk from DuckDB's vectors (DOUBLE columns
 * into Float64Array, NULL → NaN; VARCHAR columns as strings). Column 0 may be person_id (skipped).
 */
export async function readColumns(
  store: Store,
  sql: string,
  params: (string | number)[],
): Promise<{ names: string[]; n: number; numeric: Float64Array[]; text: (string | null)[][] }> {
  const result = await store.conn.run(sql, params);
  const names = result.columnNames();
  const types = result.columnTypes().map((t) => t.typeId);
  const chunks: DuckDBDataChunk[] = [];
  let n = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    chunks.push(chunk);
    n += chunk.rowCount;
  }
  const numeric: Float64Array[] = [];
  const text: (string | null)[][] = [];
  names.forEach((_, j) => {
    const isDouble = types[j] === DuckDBTypeId.DOUBLE;
    const out = isDouble ? new Float64Array(n) : null;
    const strings: (string | null)[] = isDouble ? [] : new Array(n);
    let at = 0;
    for (const chunk of chunks) {
      const v = chunk.getColumnVector(j);
      const m = chunk.rowCount;
      if (out) {
        for (let i = 0; i < m; i++) {
          const x = v.getItem(i) as number | null;
          out[at + i] = x === null ? Number.NaN : x;
        }
      } else {
        for (let i = 0; i < m; i++) {
          const x = v.getItem(i);
          strings[at + i] = x === null ? null : String(x);
        }
      }
      at += m;
    }
    numeric.push(out ?? new Float64Array(0));
    text.push(strings);
  });
  return { names, n, numeric, text };
}
