// Values we computed (dates, decay factors, config numbers), written into SQL as literals where a
// statement must be a view or DuckDB must see a constant to filter inside a scan. Never user text.

/** A timestamp literal of a date (ms since the epoch). */
export const tsLiteral = (ms: number) =>
  `TIMESTAMP '${new Date(ms).toISOString().replace('T', ' ').slice(0, 23)}'`;

/** A DOUBLE literal of a finite number. */
export function doubleLiteral(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`not a finite number: ${x}`);
  return `CAST(${x} AS DOUBLE)`;
}

/** SQL: timestamp `col` in (lo, hi] (ms since the epoch). */
export const tsRangeSql = (col: string, lo: number, hi: number) =>
  `${col} > ${tsLiteral(lo)} AND ${col} <= ${tsLiteral(hi)}`;
