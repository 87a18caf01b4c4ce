// The churn-risk model on feature columns (features.ts), never on row objects: the same
// encoding as src/models' encoder, through its shared column plan (numeric: optional log1p,
// standardised with the training mean and SD, missing → 0 plus a missing-indicator column when
// training saw missing values; categorical: one-hot of the training levels, unseen levels all
// zeros), then the models' logistic regression (default) or gradient-boosted trees. Rows are
// encoded in blocks, so scoring a million persons never holds a million-row design matrix.
// Drivers (explain) are the per-feature contributions to the log-odds relative to the average
// training row (logistic: βⱼ(xⱼ − x̄ⱼ) summed over a feature's columns; trees: Saabas path
// contributions), largest risk-raising first, and are computed only for the rows asked for (e.g.
// the top N by risk).
import {
  type CategoricalPlan,
  type ColumnLayout,
  type DesignMatrix,
  encodeCategorical,
  encodeNumeric,
  type FeatureSpec,
  fitGbt,
  fitLogistic,
  type GbtModel,
  gbtContributions,
  type LogisticModel,
  logisticContributions,
  type NumericPlan,
  planCategorical,
  planNumeric,
  predictGbt,
  predictLogistic,
  readLevel,
} from '../../models/index.js';
import type { FeatureSet } from './features.js';

export interface ColumnDriver {
  feature: string;
  value: number | string | null;
  /** Contribution to the log-odds of churn versus the average training row. */
  contribution: number;
}

type Plan = NumericPlan | CategoricalPlan;

export interface ColumnModel {
  kind: 'logistic' | 'gbt';
  columns: string[];
  logistic?: LogisticModel;
  gbt?: GbtModel;
  /** Churn probability of every row of `set`. */
  score(set: FeatureSet): Float64Array;
  /** Top `k` risk-raising drivers of each of `rows` (row indices of `set`). */
  explain(set: FeatureSet, rows: readonly number[], k: number): ColumnDriver[][];
}

export interface ColumnModelOptions {
  features: readonly FeatureSpec[];
  kind: 'logistic' | 'gbt';
  l2: number;
}

const BLOCK = 32_768;

function numericColumn(set: FeatureSet, name: string): Float64Array {
  const col = set.numeric[name];
  if (!col) throw new Error(`churn model: feature "${name}" is not in the feature set`);
  return col;
}

/** Rows `rows` of a numeric column (NaN = missing), as log1p of max(v, 0) when asked. */
function readValues(
  col: Float64Array,
  rows: ArrayLike<number>,
  log1p: boolean,
  out = new Float64Array(rows.length),
): Float64Array {
  for (let r = 0; r < rows.length; r++) {
    const v = col[rows[r]!]!;
    out[r] = log1p ? Math.log1p(Math.max(v, 0)) : v;
  }
  return out;
}

function readLevels(set: FeatureSet, name: string, rows: ArrayLike<number>): string[] {
  const col = set.categorical[name] ?? [];
  const out: string[] = [];
  for (let r = 0; r < rows.length; r++) out.push(readLevel(col[rows[r]!]));
  return out;
}

function buildPlans(
  set: FeatureSet,
  rows: ArrayLike<number>,
  features: readonly FeatureSpec[],
): { plans: Plan[]; columns: string[]; columnFeature: string[] } {
  const plans: Plan[] = [];
  const layout: ColumnLayout = { columns: [], columnFeature: [] };
  for (const spec of features) {
    if (spec.kind === 'numeric') {
      const log1p = spec.transform === 'log1p';
      const values = readValues(numericColumn(set, spec.name), rows, log1p);
      const plan = planNumeric(layout, spec.name, log1p, values);
      if (plan) plans.push(plan); // no value at all in training: left out
    } else {
      const seen = [...new Set(readLevels(set, spec.name, rows))].sort();
      plans.push(planCategorical(layout, spec.name, seen));
    }
  }
  return { plans, ...layout };
}

function encode(
  set: FeatureSet,
  rows: ArrayLike<number>,
  plans: readonly Plan[],
  columns: string[],
): DesignMatrix {
  const p = columns.length;
  const n = rows.length;
  const data = new Float64Array(n * p);
  const values = new Float64Array(n);
  for (const plan of plans) {
    if (plan.kind === 'numeric')
      encodeNumeric(
        data,
        p,
        plan,
        readValues(numericColumn(set, plan.name), rows, plan.log1p, values),
      );
    else encodeCategorical(data, p, plan, readLevels(set, plan.name, rows));
  }
  return { data, rows: n, columns };
}

function range(from: number, to: number): Uint32Array {
  const out = new Uint32Array(to - from);
  for (let i = 0; i < out.length; i++) out[i] = from + i;
  return out;
}

/** Fits the model on rows `rows` of `set` with 0/1 `labels` (aligned with `rows`). */
export function fitColumnModel(
  set: FeatureSet,
  rows: ArrayLike<number>,
  labels: ArrayLike<number>,
  options: ColumnModelOptions,
): ColumnModel {
  const { plans, columns, columnFeature } = buildPlans(set, rows, options.features);
  const X = encode(set, rows, plans, columns);
  const p = columns.length;
  const colMeans = new Float64Array(p);
  for (let i = 0; i < X.rows; i++)
    for (let j = 0; j < p; j++) colMeans[j] = colMeans[j]! + X.data[i * p + j]!;
  for (let j = 0; j < p; j++) colMeans[j] = colMeans[j]! / Math.max(X.rows, 1);
  const logistic =
    options.kind === 'logistic' ? fitLogistic(X, labels, { l2: options.l2 }) : undefined;
  const gbt = options.kind === 'gbt' ? fitGbt(X, labels) : undefined;
  const predict = (M: DesignMatrix) =>
    logistic ? predictLogistic(logistic, M) : predictGbt(gbt!, M);

  const score = (s: FeatureSet): Float64Array => {
    const out = new Float64Array(s.n);
    for (let from = 0; from < s.n; from += BLOCK) {
      const to = Math.min(s.n, from + BLOCK);
      out.set(predict(encode(s, range(from, to), plans, columns)), from);
    }
    return out;
  };

  const explain = (s: FeatureSet, which: readonly number[], k: number): ColumnDriver[][] => {
    const M = encode(s, which, plans, columns);
    return which.map((row, i) => {
      let cols: Float64Array;
      if (gbt) cols = gbtContributions(gbt, M, i);
      else {
        cols = logisticContributions(logistic!, M, i);
        for (let j = 0; j < p; j++) cols[j] = cols[j]! - logistic!.coefficients[j]! * colMeans[j]!;
      }
      const byFeature = new Map<string, number>();
      columnFeature.forEach((f, j) => {
        byFeature.set(f, (byFeature.get(f) ?? 0) + cols[j]!);
      });
      return [...byFeature]
        .filter(([, c]) => c > 0)
        .sort((a, b) => b[1] - a[1])
        .slice(0, k)
        .map(([feature, contribution]) => {
          const num = s.numeric[feature];
          const v = num ? num[row]! : (s.categorical[feature]?.[row] ?? null);
          return {
            feature,
            value: typeof v === 'number' && Number.isNaN(v) ? null : v,
            contribution,
          };
        });
    });
  };

  return {
    kind: options.kind,
    columns,
    ...(logistic ? { logistic } : {}),
    ...(gbt ? { gbt } : {}),
    score,
    explain,
  };
}
