// The column layout of the churn design matrix, shared by the row encoder (encoder.ts) and the
// column-store churn model (src/metrics/churn/model.ts); they differ only in how they read and
// check a cell, and in what they do with a feature that has no value in training (the encoder
// rejects it, the column model leaves it out). numeric: one column z = (v − mean) / sd with the
// training mean and population SD (SD 1 when constant), missing → 0 (the mean) plus a 0/1
// missing-indicator column when training saw missing values. categorical: one 0/1 column per
// level, in the given order; unseen levels encode as all zeros. Callers apply any transform
// (log1p) before the value reaches here.

import { type FeatureValue, MISSING_LEVEL } from './feature-spec.js';

export interface NumericPlan {
  kind: 'numeric';
  name: string;
  log1p: boolean;
  mean: number;
  sd: number;
  column: number;
  /** Column of the missing indicator, or −1. */
  missingColumn: number;
}
export interface CategoricalPlan {
  kind: 'categorical';
  name: string;
  levels: Map<string, number>;
}

/** Columns laid out so far, with the feature name that produced each one. */
export interface ColumnLayout {
  columns: string[];
  columnFeature: string[];
}

/** A categorical cell as a level: trimmed text; null, undefined and blank are MISSING_LEVEL. */
export function readLevel(value: FeatureValue): string {
  if (value === null || value === undefined) return MISSING_LEVEL;
  const s = String(value).trim();
  return s === '' ? MISSING_LEVEL : s;
}

/**
 * Learns the mean and SD of a numeric feature from its training `values` (already transformed,
 * NaN = missing) and appends its column (and missing indicator) to `layout`; undefined, with
 * nothing appended, when no row has a value.
 */
export function planNumeric(
  layout: ColumnLayout,
  name: string,
  log1p: boolean,
  values: ArrayLike<number>,
): NumericPlan | undefined {
  const count = values.length;
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  for (let r = 0; r < count; r++) {
    const v = values[r]!;
    if (Number.isNaN(v)) continue;
    n++;
    sum += v;
    sumSq += v * v;
  }
  if (n === 0) return undefined;
  const mean = sum / n;
  const sd = Math.sqrt(Math.max(sumSq / n - mean * mean, 0));
  const plan: NumericPlan = {
    kind: 'numeric',
    name,
    log1p,
    mean,
    sd: sd > 0 ? sd : 1,
    column: layout.columns.length,
    missingColumn: -1,
  };
  layout.columns.push(name);
  layout.columnFeature.push(name);
  if (n < count) {
    plan.missingColumn = layout.columns.length;
    layout.columns.push(`${name}=${MISSING_LEVEL}`);
    layout.columnFeature.push(name);
  }
  return plan;
}

/** Appends one column per level of a categorical feature to `layout`. */
export function planCategorical(
  layout: ColumnLayout,
  name: string,
  levels: Iterable<string>,
): CategoricalPlan {
  const columnOf = new Map<string, number>();
  for (const level of levels) {
    columnOf.set(level, layout.columns.length);
    layout.columns.push(`${name}=${level}`);
    layout.columnFeature.push(name);
  }
  return { kind: 'categorical', name, levels: columnOf };
}

/**
 * Writes row r's standardised `values[r]` (already transformed, NaN = missing) into column
 * `plan.column` of `data` (row-major, p columns), or 1 into its missing indicator.
 */
export function encodeNumeric(
  data: Float64Array,
  p: number,
  plan: NumericPlan,
  values: ArrayLike<number>,
): void {
  const { mean, sd, column, missingColumn } = plan;
  for (let r = 0; r < values.length; r++) {
    const v = values[r]!;
    if (!Number.isNaN(v)) data[r * p + column] = (v - mean) / sd;
    else if (missingColumn >= 0) data[r * p + missingColumn] = 1;
  }
}

/** Sets row r's column of level `levels[r]` in `data` (p columns); unseen levels stay all zeros. */
export function encodeCategorical(
  data: Float64Array,
  p: number,
  plan: CategoricalPlan,
  levels: readonly string[],
): void {
  const rows = levels.length;
  for (let r = 0; r < rows; r++) {
    const j = plan.levels.get(levels[r]!);
    if (j !== undefined) data[r * p + j] = 1;
  }
}
