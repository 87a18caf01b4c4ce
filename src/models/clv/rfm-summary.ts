// RFM summary from raw transactions, with lifetimes' summary_data_from_transaction_data
// semantics at day resolution (freq='D', freq_multiplier 7 for weeks):
// - only transactions on or before the calibration end day count;
// - transactions on the same UTC day collapse into one purchase (their values summed);
// - frequency = distinct purchase days − 1; recency = last − first day; T = end − first day,
//   both in days divided by 7 for weeks;
// - monetary = mean value of the repeat purchase days (first day excluded), 0 when none.
// Customers appear in order of their first transaction in the input.

import { InputError } from '../../lib/errors.js';
import { DAYS_PER_UNIT, type RfmSummary, type TimeUnit } from './types.js';

export interface Transaction {
  customerId: string;
  /** Date, ISO string (YYYY-MM-DD…) or epoch milliseconds; the UTC day is used. */
  at: Date | string | number;
  /** Value of the transaction (optional; 0 when absent). */
  amount?: number;
}

export interface RfmOptions {
  calibrationEnd: Date | string;
  timeUnit: TimeUnit;
}

const MS_PER_DAY = 86_400_000;

/** UTC day number (days since 1970-01-01) of a transaction time. */
export function toDayNumber(at: Date | string | number, index = -1): number {
  const ms = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
  if (!Number.isFinite(ms)) {
    throw new InputError(
      'INPUT_BAD_DATE',
      `transaction ${index}: "${String(at)}" is not a date (expected e.g. 1997-09-30)`,
      {
        where: { index, field: 'at' },
      },
    );
  }
  return Math.floor(ms / MS_PER_DAY);
}

interface DayBuckets {
  days: Map<number, number>;
}

function groupByCustomerDay(
  transactions: Iterable<Transaction>,
  fromDay: number,
  toDay: number,
): Map<string, DayBuckets> {
  const byCustomer = new Map<string, DayBuckets>();
  let i = 0;
  for (const tr of transactions) {
    const day = toDayNumber(tr.at, i);
    const amount = tr.amount ?? 0;
    if (!Number.isFinite(amount)) {
      throw new InputError(
        'INPUT_BAD_NUMBER',
        `transaction ${i}: amount ${amount} is not a number`,
        {
          where: { index: i, field: 'amount' },
        },
      );
    }
    i++;
    if (day < fromDay || day > toDay) continue;
    let c = byCustomer.get(tr.customerId);
    if (!c) {
      c = { days: new Map() };
      byCustomer.set(tr.customerId, c);
    }
    c.days.set(day, (c.days.get(day) ?? 0) + amount);
  }
  return byCustomer;
}

/** Builds frequency / recency / T / monetary per customer for the calibration period. */
export function buildRfmSummary(
  transactions: Iterable<Transaction>,
  options: RfmOptions,
): RfmSummary {
  const endDay = toDayNumber(options.calibrationEnd);
  const unit = DAYS_PER_UNIT[options.timeUnit];
  const grouped = groupByCustomerDay(transactions, Number.NEGATIVE_INFINITY, endDay);
  const n = grouped.size;
  const summary: RfmSummary = {
    ids: [],
    frequency: new Float64Array(n),
    recency: new Float64Array(n),
    T: new Float64Array(n),
    monetary: new Float64Array(n),
  };
  let i = 0;
  for (const [id, { days }] of grouped) {
    const sorted = [...days.keys()].sort((a, b) => a - b);
    const first = sorted[0]!;
    const last = sorted[sorted.length - 1]!;
    let repeatTotal = 0;
    for (let k = 1; k < sorted.length; k++) repeatTotal += days.get(sorted[k]!)!;
    summary.ids.push(id);
    summary.frequency[i] = sorted.length - 1;
    summary.recency[i] = (last - first) / unit;
    summary.T[i] = (endDay - first) / unit;
    summary.monetary[i] = sorted.length > 1 ? repeatTotal / (sorted.length - 1) : 0;
    i++;
  }
  return summary;
}

/**
 * Distinct purchase days per customer in the holdout period (calibrationEnd, holdoutEnd], as
 * lifetimes' frequency_holdout. Customers without holdout purchases are absent (count 0).
 */
export function countHoldoutPurchases(
  transactions: Iterable<Transaction>,
  options: { calibrationEnd: Date | string; holdoutEnd: Date | string },
): Map<string, number> {
  const from = toDayNumber(options.calibrationEnd) + 1;
  const to = toDayNumber(options.holdoutEnd);
  const grouped = groupByCustomerDay(transactions, from, to);
  const out = new Map<string, number>();
  for (const [id, { days }] of grouped) out.set(id, days.size);
  return out;
}
