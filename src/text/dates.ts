// UTC calendar helpers shared by topic trends and storm detection. Days are 'YYYY-MM-DD' strings
// and day numbers (days since 1970-01-01, UTC), so weekday = (dayNumber + 4) mod 7 (0 = Sunday).

import { InputError } from '../lib/errors.js';

const MS_PER_DAY = 86_400_000;

/** Parse a Date or ISO string to epoch milliseconds; throws INPUT_BAD_DATE with the location. */
export function toEpochMs(value: Date | string, where: { field: string; index: number }): number {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms)) {
    throw new InputError(
      'INPUT_BAD_DATE',
      `item ${where.index} field "${where.field}": "${String(value)}" is not a date (expected an ISO 8601 date such as 2024-03-01T12:00:00Z)`,
      { where: { field: where.field, index: where.index } },
    );
  }
  return ms;
}

export function dayNumber(ms: number): number {
  return Math.floor(ms / MS_PER_DAY);
}

export function dayString(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Day number of the Monday that starts the ISO week containing `day`. */
export function weekStart(day: number): number {
  return day - ((weekday(day) + 6) % 7);
}

/** 'YYYY-MM' of a day number. */
export function monthString(day: number): string {
  return dayString(day).slice(0, 7);
}
