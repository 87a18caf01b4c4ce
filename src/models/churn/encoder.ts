// Turns feature rows into a dense row-major design matrix (Float64Array, n × p):
// numeric columns standardised with the training mean and SD, z = (v − mean) / sd (missing → 0,
// i.e. the mean, plus a missing indicator); categoricals one-hot. Fitted on training rows only,
// so nothing from validation rows leaks into the scaling. The column layout and the scaling
// arithmetic are column-plan.ts, shared with the column-store churn model.

import { InputError } from '../../lib/errors.js';
import {
  type CategoricalPlan,
  type ColumnLayout,
  encodeCategorical,
  encodeNumeric,
  type NumericPlan,
  planCategorical,
  planNumeric,
  readLevel,
} from './column-plan.js';
import {
  type FeatureRow,
  type FeatureSpec,
  FeatureSpecList,
  type FeatureValue,
} from './feature-spec.js';

export interface DesignMatrix {
  /** Row-major values, length rows × columns.length. */
  data: Float64Array;
  rows: number;
  columns: string[];
}

type Plan = (NumericPlan & { field: string }) | (CategoricalPlan & { field: string });

export interface Encoder {
  features: FeatureSpec[];
  columns: string[];
  /** Feature name that produced each column (for grouping driver contributions). */
  columnFeature: string[];
  encode(rows: readonly FeatureRow[]): DesignMatrix;
}

/** Reads a numeric cell; undefined for missing; InputError for text that is not a number. */
export function readNumber(value: FeatureValue, row: number, field: string): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'boolean') return value ? 1 : 0;
  const s = value.trim();
  if (s === '') return undefined;
  const v = Number(s);
  if (!Number.isFinite(v)) {
    throw new InputError(
      'INPUT_BAD_NUMBER',
      `row ${row} field "${field}": "${value}" is not a number (expected e.g. 29.85 or blank)`,
      {
        where: { index: row, field },
      },
    );
  }
  return v;
}

function readValue(
  value: FeatureValue,
  row: number,
  field: string,
  log1p: boolean,
): number | undefined {
  const v = readNumber(value, row, field);
  if (v === undefined || !log1p) return v;
  if (!(v > -1)) {
    throw new InputError(
      'INPUT_BAD_NUMBER',
      `row ${row} field "${field}": ${v} cannot take log1p (expected a value > -1)`,
      {
        where: { index: row, field },
      },
    );
  }
  return Math.log1p(v);
}

/** Field `field` of every row (log1p applied when asked), NaN where missing. */
function readValues(rows: readonly FeatureRow[], field: string, log1p: boolean): Float64Array {
  return Float64Array.from(rows, (row, i) => readValue(row[field], i, field, log1p) ?? Number.NaN);
}

function readLevels(rows: readonly FeatureRow[], field: string): string[] {
  return rows.map((row) => readLevel(row[field]));
}

/** Learns scaling and levels from training rows. */
export function fitEncoder(rows: readonly FeatureRow[], features: readonly FeatureSpec[]): Encoder {
  const specs = FeatureSpecList.parse(features);
  if (rows.length === 0) throw new InputError('INPUT_EMPTY', 'encoder: no training rows');
  const plans: Plan[] = [];
  const layout: ColumnLayout = { columns: [], columnFeature: [] };
  for (const spec of specs) {
    const field = spec.column ?? spec.name;
    if (spec.kind === 'numeric') {
      const log1p = spec.transform === 'log1p';
      const plan = planNumeric(layout, spec.name, log1p, readValues(rows, field, log1p));
      if (!plan)
        throw new InputError(
          'INPUT_MISSING_COLUMN',
          `encoder: feature "${spec.name}" has no values`,
          { where: { field: spec.name } },
        );
      plans.push({ ...plan, field });
    } else {
      const seen = spec.levels ?? [...new Set(readLevels(rows, field))].sort();
      plans.push({ ...planCategorical(layout, spec.name, seen), field });
    }
  }
  const { columns, columnFeature } = layout;
  const p = columns.length;
  const encode = (input: readonly FeatureRow[]): DesignMatrix => {
    const data = new Float64Array(input.length * p);
    for (const plan of plans) {
      if (plan.kind === 'numeric')
        encodeNumeric(data, p, plan, readValues(input, plan.field, plan.log1p));
      else encodeCategorical(data, p, plan, readLevels(input, plan.field));
    }
    return { data, rows: input.length, columns: [...columns] };
  };
  return { features: specs, columns, columnFeature, encode };
}
