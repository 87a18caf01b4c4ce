// Turns feature rows into a dense row-major design matrix (Float64Array, n × p):
// numeric columns standardised with the training mean and SD, z = (v − mean) / sd (missing → 0,
// i.e. the mean, plus a missing indicator); categoricals one-hot. Fitted on training rows only,
// so nothing from validation rows leaks into the scaling.

import { InputError } from '../../lib/errors.js';
import {
  type FeatureRow,
  type FeatureSpec,
  FeatureSpecList,
  type FeatureValue,
  MISSING_LEVEL,
} from './feature-spec.js';

export interface DesignMatrix {
  /** Row-major values, length rows × columns.length. */
  data: Float64Array;
  rows: number;
  columns: string[];
}

interface NumericPlan {
  kind: 'numeric';
  name: string;
  field: string;
  log1p: boolean;
  mean: number;
  sd: number;
  column: number;
  /** Column of the missing indicator, or −1. */
  missingColumn: number;
}
interface CategoricalPlan {
  kind: 'categorical';
  name: string;
  field: string;
  levels: Map<string, number>;
}
type Plan = NumericPlan | CategoricalPlan;

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

function readLevel(value: FeatureValue): string {
  if (value === null || value === undefined) return MISSING_LEVEL;
  const s = String(value).trim();
  return s === '' ? MISSING_LEVEL : s;
}

/** Learns scaling and levels from training rows. */
export function fitEncoder(rows: readonly FeatureRow[], features: readonly FeatureSpec[]): Encoder {
  const specs = FeatureSpecList.parse(features);
  if (rows.length === 0) throw new InputError('INPUT_EMPTY', 'encoder: no training rows');
  const plans: Plan[] = [];
  const columns: string[] = [];
  const columnFeature: string[] = [];
  for (const spec of specs) {
    if (spec.kind === 'numeric') {
      let n = 0;
      let sum = 0;
      let sumSq = 0;
      const field = spec.column ?? spec.name;
      const log1p = spec.transform === 'log1p';
      rows.forEach((row, i) => {
        const v = readValue(row[field], i, field, log1p);
        if (v === undefined) return;
        n++;
        sum += v;
        sumSq += v * v;
      });
      if (n === 0)
        throw new InputError(
          'INPUT_MISSING_COLUMN',
          `encoder: feature "${spec.name}" has no values`,
          { where: { field: spec.name } },
        );
      const mean = sum / n;
      const sd = Math.sqrt(Math.max(sumSq / n - mean * mean, 0));
      const plan: NumericPlan = {
        kind: 'numeric',
        name: spec.name,
        field,
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
      const field = spec.column ?? spec.name;
      const seen = spec.levels ?? [...new Set(rows.map((r) => readLevel(r[field])))].sort();
      const levels = new Map<string, number>();
      for (const level of seen) {
        levels.set(level, columns.length);
        columns.push(`${spec.name}=${level}`);
        columnFeature.push(spec.name);
      }
      plans.push({ kind: 'categorical', name: spec.name, field, levels });
    }
  }
  const p = columns.length;
  const encode = (input: readonly FeatureRow[]): DesignMatrix => {
    const data = new Float64Array(input.length * p);
    for (const plan of plans) {
      if (plan.kind === 'numeric') {
        for (let i = 0; i < input.length; i++) {
          const v = readValue(input[i]![plan.field], i, plan.field, plan.log1p);
          const base = i * p;
          if (v === undefined) {
            if (plan.missingColumn >= 0) data[base + plan.missingColumn] = 1;
          } else data[base + plan.column] = (v - plan.mean) / plan.sd;
        }
      } else {
        for (let i = 0; i < input.length; i++) {
          const col = plan.levels.get(readLevel(input[i]![plan.field]));
          if (col !== undefined) data[i * p + col] = 1;
        }
      }
    }
    return { data, rows: input.length, columns: [...columns] };
  };
  return { features: specs, columns, columnFeature, encode };
}
