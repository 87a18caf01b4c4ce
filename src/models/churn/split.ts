// Validation splits. splitByTime keeps training strictly before the cutoff, so features and
// labels known only later cannot leak into the fit; stratifiedSplit holds out the same share
// of each class, seeded.

import { InputError } from '../../lib/errors.js';
import { mulberry32, shuffledIndices } from '../random.js';

export interface TimeSplit<T> {
  /** Rows observed strictly before the cutoff. */
  train: T[];
  /** Rows observed at or after the cutoff. */
  test: T[];
}

/** Splits rows by their observation time; `timeOf` returns a Date, ISO string or epoch ms. */
export function splitByTime<T>(
  rows: readonly T[],
  cutoff: Date | string | number,
  timeOf: (row: T) => Date | string | number,
): TimeSplit<T> {
  const cut = toMs(cutoff, -1);
  const train: T[] = [];
  const test: T[] = [];
  rows.forEach((row, i) => {
    (toMs(timeOf(row), i) < cut ? train : test).push(row);
  });
  return { train, test };
}

function toMs(v: Date | string | number, index: number): number {
  const ms = v instanceof Date ? v.getTime() : typeof v === 'number' ? v : Date.parse(v);
  if (!Number.isFinite(ms)) {
    throw new InputError(
      'INPUT_BAD_DATE',
      `${index < 0 ? 'cutoff' : `row ${index}`}: "${String(v)}" is not a date (expected an ISO date such as 2024-01-31)`,
      index < 0 ? {} : { where: { index } },
    );
  }
  return ms;
}

export interface IndexSplit {
  train: Uint32Array;
  test: Uint32Array;
}

/** Holds out round(testFraction · n_c) rows of each class c, chosen by a seeded shuffle. */
export function stratifiedSplit(
  labels: ArrayLike<number>,
  testFraction: number,
  seed: number,
): IndexSplit {
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new InputError(
      'INPUT_BAD_OPTION',
      `stratifiedSplit: test fraction ${testFraction} (expected between 0 and 1)`,
    );
  }
  const rng = mulberry32(seed);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i]!;
    let list = byClass.get(c);
    if (!list) {
      list = [];
      byClass.set(c, list);
    }
    list.push(i);
  }
  const train: number[] = [];
  const test: number[] = [];
  for (const c of [...byClass.keys()].sort((a, b) => a - b)) {
    const members = byClass.get(c)!;
    const order = shuffledIndices(members.length, rng);
    const nTest = Math.round(testFraction * members.length);
    order.forEach((k, j) => {
      (j < nTest ? test : train).push(members[k]!);
    });
  }
  return {
    train: Uint32Array.from(train).sort(),
    test: Uint32Array.from(test).sort(),
  };
}
