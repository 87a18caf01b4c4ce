// Churn-risk model front door: encode feature rows (feature-spec.ts, encoder.ts), fit a
// logistic regression (default) or gradient-boosted trees, score rows, and explain each
// row's risk by its top drivers: per-feature contributions to the log-odds relative to the
// average training customer (logistic: βⱼ(xⱼ − x̄ⱼ) summed over a feature's columns; trees:
// Saabas path contributions), largest risk-raising first.

import { z } from 'zod';
import { InputError } from '../../lib/errors.js';
import { type DesignMatrix, type Encoder, fitEncoder } from './encoder.js';
import { type FeatureRow, FeatureSpecList, type FeatureValue } from './feature-spec.js';
import { fitGbt, type GbtModel, gbtContributions, predictGbt } from './gbt.js';
import {
  fitLogistic,
  type LogisticModel,
  logisticContributions,
  predictLogistic,
} from './logistic.js';

export const ChurnModelOptions = z.object({
  features: FeatureSpecList,
  kind: z.enum(['logistic', 'gbt']).default('logistic'),
  /** Logistic L2 penalty λ. */
  l2: z.number().min(0).default(1),
  gbt: z
    .object({
      trees: z.number().int().min(1).max(5000),
      depth: z.number().int().min(1).max(8),
      learningRate: z.number().positive().max(1),
      lambda: z.number().min(0),
      minChildWeight: z.number().min(0),
      maxBins: z.number().int().min(2).max(256),
    })
    .partial()
    .default({}),
});
export type ChurnModelOptions = z.input<typeof ChurnModelOptions>;

export interface Driver {
  feature: string;
  value: FeatureValue;
  /** Contribution to the log-odds of churn versus the average customer. */
  contribution: number;
}

export interface ChurnModel {
  kind: 'logistic' | 'gbt';
  encoder: Encoder;
  logistic?: LogisticModel;
  gbt?: GbtModel;
  /** Churn probability per row. */
  score(rows: readonly FeatureRow[]): Float64Array;
  /** Churn probability per row of an already encoded matrix (fast path for large batches). */
  scoreMatrix(X: DesignMatrix): Float64Array;
  /** Top `k` risk-raising drivers per row. */
  explain(rows: readonly FeatureRow[], k?: number): Driver[][];
}

/** Converts labels (0/1, booleans, or "Yes"/"No", "1"/"0", "true"/"false") to a 0/1 array. */
export function toBinaryLabels(labels: readonly FeatureValue[]): Uint8Array {
  return Uint8Array.from(labels, (v, i) => {
    if (v === 1 || v === true) return 1;
    if (v === 0 || v === false) return 0;
    const s = String(v).trim().toLowerCase();
    if (s === 'yes' || s === '1' || s === 'true') return 1;
    if (s === 'no' || s === '0' || s === 'false') return 0;
    throw new InputError(
      'INPUT_BAD_LABEL',
      `label ${i}: "${String(v)}" is not a churn label (expected 0/1, yes/no, true/false)`,
      {
        where: { index: i },
      },
    );
  });
}

export function fitChurnModel(
  rows: readonly FeatureRow[],
  labels: ArrayLike<number>,
  options: ChurnModelOptions,
): ChurnModel {
  const opts = ChurnModelOptions.parse(options);
  const encoder = fitEncoder(rows, opts.features);
  const X = encoder.encode(rows);
  const p = encoder.columns.length;
  const colMeans = new Float64Array(p);
  for (let i = 0; i < X.rows; i++)
    for (let j = 0; j < p; j++) colMeans[j] = colMeans[j]! + X.data[i * p + j]! / X.rows;
  const logistic = opts.kind === 'logistic' ? fitLogistic(X, labels, { l2: opts.l2 }) : undefined;
  const gbt = opts.kind === 'gbt' ? fitGbt(X, labels, opts.gbt) : undefined;
  const scoreMatrix = (M: DesignMatrix) =>
    logistic ? predictLogistic(logistic, M) : predictGbt(gbt!, M);
  const columnContributions = (M: DesignMatrix, row: number): Float64Array => {
    if (gbt) return gbtContributions(gbt, M, row);
    const c = logisticContributions(logistic!, M, row);
    for (let j = 0; j < p; j++) c[j] = c[j]! - logistic!.coefficients[j]! * colMeans[j]!;
    return c;
  };
  const fieldOf = new Map(encoder.features.map((f) => [f.name, f.column ?? f.name]));
  const explain = (input: readonly FeatureRow[], k = 3): Driver[][] => {
    const M = encoder.encode(input);
    return input.map((row, i) => {
      const cols = columnContributions(M, i);
      const byFeature = new Map<string, number>();
      encoder.columnFeature.forEach((f, j) => {
        byFeature.set(f, (byFeature.get(f) ?? 0) + cols[j]!);
      });
      return [...byFeature]
        .map(([feature, contribution]) => ({
          feature,
          value: row[fieldOf.get(feature) ?? feature],
          contribution,
        }))
        .filter((d) => d.contribution > 0)
        .sort((a, b) => b.contribution - a.contribution)
        .slice(0, k);
    });
  };
  return {
    kind: opts.kind,
    encoder,
    ...(logistic ? { logistic } : {}),
    ...(gbt ? { gbt } : {}),
    score: (input) => scoreMatrix(encoder.encode(input)),
    scoreMatrix,
    explain,
  };
}
