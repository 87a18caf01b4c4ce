// The churn-risk model on feature columns (features.ts), never on row objects: the same
// encoding as src/models' encoder (numeric: optional log1p, standardised with the training mean
// and SD, missing → 0 plus a missing-indicator column when training saw missing values;
// categorical: one-hot of the training levels, unseen levels all zeros), then the models' logistic
// regression (default) or gradient-boosted trees. Rows are encoded in blocks, so scoring a
// million persons never holds a million-row design matrix. Drivers (explain) are the per-feature
// contributions to the log-odds relative to the average training row (logistic:
// βⱼ(xⱼ − x̄ⱼ) summed over a feature's columns; trees: Saabas path contributions), largest
// risk-raising first, and are computed only for the rows asked for (e.g. the top N by risk).
import {
  type DesignMatrix,
  type FeatureSpec,
  fitGbt,
  fitLogistic,
  type GbtModel,
  gbtContributions,
  type LogisticModel,
  logisticContributions,
  MISSING_LEVEL,
  predictGbt,
  predictLogistic,
} from '../../models/index.js';
import type { FeatureSet } from './features.js';

export interface ColumnDriver {
  feature: string;
  value: number | string | null;
  /** Contribution to the log-odds of churn versus the average training row. */
  contribution: number;
}

interface NumericPlan {
  kind: 'numeric';
  name: string;
  log1p: boolean;
  mean: number;
  sd: number;
  column: number;
  missingColumn: number;
}
interface CategoricalPlan {
  kind: 'categorical';
  name: string;
  levels: Map<string, number>;
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

function level(v: string | null | undefined): string {
  if (v === null || v === undefined) return MISSING_LEVEL;
  const s = v.trim();
  return s === '' ? MISSING_LEVEL : s;
}

function numericColumn(set: FeatureSet, name: string): Float64Array {
  const col = set.numeric[name];
  if (!col) throw new Error(`churn model: feature "${name}" is not in the feature set`);
  return col;
}

function buildPlans(
  set: FeatureSet,
  rows: ArrayLike<number>,
  features: readonly FeatureSpec[],
): { plans: Plan[]; columns: string[]; columnFeature: string[] } {
  const plans: Plan[] = [];
  const columns: string[] = [];
  const columnFeature: string[] = [];
  for (const spec of features) {
    if (spec.kind === 'numeric') {
      const col = numericColumn(set, spec.name);
      const log1p = spec.transform === 'log1p';
      let n = 0;
      let sum = 0;
      let sumSq = 0;
      for (let r = 0; r < rows.length; r++) {
        let v = col[rows[r]!]!;
        if (Number.isNaN(v)) continue;
        if (log1p) v = Math.log1p(Math.max(v, 0));
        n++;
        sum += v;
        sumSq += v * v;
      }
      if (n === 0) continue; // no value at all in training: left out
      const mean = sum / n;
      const sd = Math.sqrt(Math.max(sumSq / n - mean * mean, 0));
      const plan: NumericPlan = {
        kind: 'numeric',
        name: spec.name,
        log1p,
        mean,
        sd: sd > 0 ? sd : 1,
        column: columns.length,
        missingColumn: -1,
      };
      columns.push(spec.name);
      columnFeature.push(spec.name);
      if (n < rows.length) {
        plan.missingColumn = columns.length;
        columns.push(`${spec.name}=${MISSING_LEVEL}`);
        columnFeature.push(spec.name);
      }
      plans.push(plan);
    } else {
      const col = set.categorical[spec.name] ?? [];
      const seen = new Set<string>();
      for (let r = 0; r < rows.length; r++) seen.add(level(col[rows[r]!]));
      const levels = new Map<string, number>();
      for (const l of [...seen].sort()) {
        levels.set(l, columns.length);
        columns.push(`${spec.name}=${l}`);
        columnFeature.push(spec.name);
      }
      plans.push({ kind: 'categorical', name: spec.name, levels });
    }
  }
  return { plans, columns, columnFeature };
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
  for (const plan of plans) {
    if (plan.kind === 'numeric') {
      const col = numericColumn(set, plan.name);
      for (let r = 0; r < n; r++) {
        let v = col[rows[r]!]!;
        if (Number.isNaN(v)) {
          if (plan.missingColumn >= 0) data[r * p + plan.missingColumn] = 1;
          continue;
        }
        if (plan.log1p) v = Math.log1p(Math.max(v, 0));
        data[r * p + plan.column] = (v - plan.mean) / plan.sd;
      }
    } else {
      const col = set.categorical[plan.name] ?? [];
      for (let r = 0; r < n; r++) {
        const j = plan.levels.get(level(col[rows[r]!]));
        if (j !== undefined) data[r * p + j] = 1;
      }
    }
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
