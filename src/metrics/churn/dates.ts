// Small UTC date helpers shared by the churn analyses (days and months, ISO strings).
import { InputError } from '../../lib/errors.js';

export const DAY_MS = 86_400_000;

export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function isoMonth(d: Date): string {
  return d.toISOString().slice(0, 7);
}

/** Parses YYYY-MM-DD (or a full ISO time) as a UTC date; `field` names it in the error. */
export function parseDay(value: string, field: string): Date {
  const d = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(d.getTime())) {
    throw new InputError(
      'INPUT_BAD_DATE',
      `${field}: "${value}" is not a date (expected e.g. 2026-05-31)`,
      {
        where: { field },
      },
    );
  }
  return d;
}

/** Parses YYYY-MM as the first day of that month (UTC). */
export function parseMonth(value: string, field: string): Date {
  if (!/^\d{4}-\d{2}$/.test(value)) {
    throw new InputError(
      'INPUT_BAD_MONTH',
      `${field}: "${value}" is not a month (expected e.g. 2026-05)`,
      {
        where: { field },
      },
    );
  }
  return parseDay(`${value}-01`, field);
}

export function addMonths(d: Date, n: number): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
}

export function addDays(d: Date, n: number): Date {
  return new Date(d.getTime() + n * DAY_MS);
}

export function monthStart(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
}

/** A DuckDB DATE/TIMESTAMP value as a UTC Date. */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  return new Date(
    typeof value === 'string' && value.length === 10 ? `${value}T00:00:00Z` : String(value),
  );
}
