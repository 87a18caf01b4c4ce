// Shared pieces of the read API (/api/*): the filter and pagination query schemas every analysis
// route accepts, the paged response envelope, the "not computed yet" error and a check that a
// derived table has rows. Routes stay thin: parse these, call one domain function, answer.
import { z } from 'zod';
import { InputError, NotFoundError } from '../../lib/errors.js';
import type { SqlParam, Store } from '../../store/index.js';

// A calendar day: a bare regex would let 2026-02-30 through, which Date.parse rolls to March 2.
const isoDay = z.iso
  .date({ error: 'expected a calendar date such as 2026-03-01' })
  .describe('YYYY-MM-DD (UTC)');

/**
 * `?from&to&source&segment`: the period is [from 00:00, to 24:00) UTC; every field is optional.
 * from ≤ to is checked by requireOrderedPeriod, not here: zod refuses .pick() on a refined object
 * and .extend() over its keys, and the routes build their queries on this one.
 */
export const ReadFilters = z.object({
  from: isoDay.optional().describe('first day of the period, inclusive (YYYY-MM-DD, UTC)'),
  to: isoDay.optional().describe('last day of the period, inclusive (YYYY-MM-DD, UTC)'),
  source: z.string().min(1).max(64).optional().describe('only rows from this source system'),
  segment: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe('only persons in this segment (a quadrant such as silent_at_risk)'),
});
export type ReadFilters = z.infer<typeof ReadFilters>;

export const MAX_LIMIT = 500;

/** `?limit&offset` for every list. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type PageQuery = z.infer<typeof PageQuery>;

export const ListQuery = ReadFilters.extend(PageQuery.shape);
export type ListQuery = z.infer<typeof ListQuery>;

/** The envelope of every paged list. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  });
}
export interface Paged<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** Slices an in-memory list into the paged envelope. */
export function paginate<T>(all: readonly T[], page: PageQuery): Paged<T> {
  return {
    items: all.slice(page.offset, page.offset + page.limit),
    total: all.length,
    limit: page.limit,
    offset: page.offset,
  };
}

export interface Period {
  /** Inclusive start (UTC midnight). */
  fromMs: number;
  /** Exclusive end (UTC midnight after `to`). */
  toMs: number;
}

const DAY_MS = 86_400_000;

/** Throws INPUT_BAD_PERIOD (HTTP 400) when both days are given and `to` is before `from`. */
export function requireOrderedPeriod(filters: {
  from?: string | undefined;
  to?: string | undefined;
}) {
  // ISO days compare as strings.
  if (filters.from && filters.to && filters.to < filters.from) {
    throw new InputError(
      'INPUT_BAD_PERIOD',
      `to ${filters.to}: before from ${filters.from} (expected from ≤ to)`,
      { where: { field: 'to' } },
    );
  }
}

/** The period of the filters, defaulting to `fallback` (usually the span of the data). */
export function periodOf(filters: ReadFilters, fallback: Period): Period {
  requireOrderedPeriod(filters);
  const fromMs = filters.from ? Date.parse(`${filters.from}T00:00:00Z`) : fallback.fromMs;
  const toMs = filters.to ? Date.parse(`${filters.to}T00:00:00Z`) + DAY_MS : fallback.toMs;
  if (Number.isNaN(fromMs) || Number.isNaN(toMs)) {
    throw new InputError('INPUT_BAD_DATE', 'from/to: not a calendar date (expected YYYY-MM-DD)', {
      where: { field: Number.isNaN(fromMs) ? 'from' : 'to' },
    });
  }
  if (toMs <= fromMs) {
    throw new InputError(
      'INPUT_BAD_PERIOD',
      `to ${filters.to ?? ''}: before from ${filters.from ?? ''} (expected from ≤ to)`,
      { where: { field: 'to' } },
    );
  }
  return { fromMs, toMs };
}

export function isoDayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A period as inclusive ISO days. */
export function spanOf(period: Period): { from: string; to: string } {
  return { from: isoDayOf(period.fromMs), to: isoDayOf(period.toMs - DAY_MS) };
}

export const DEFAULT_PERIOD_DAYS = 90;

/** The last 90 days of the data (or of the calendar, for an empty store). */
export function defaultPeriod(span: Period | undefined): Period {
  const toMs = span?.toMs ?? Math.ceil(Date.now() / DAY_MS) * DAY_MS;
  return { fromMs: Math.max(span?.fromMs ?? 0, toMs - DEFAULT_PERIOD_DAYS * DAY_MS), toMs };
}

/** The answer when an analysis has not been run on this store yet (HTTP 404, code NOT_COMPUTED). */
export function notComputed(what: string, command: string): NotFoundError {
  return new NotFoundError('NOT_COMPUTED', `${what}: not computed yet — run \`${command}\``, {
    where: { path: what },
  });
}

/** Whether a table exists and has at least one row (derived tables are created by their analysis). */
export async function hasRows(store: Store, table: string, where = '', params: SqlParam[] = []) {
  const exists = await store.one<{ n: number }>(
    "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = ? AND table_schema = 'main'",
    [table],
  );
  if (!exists?.n) return false;
  const row = await store.one(
    `SELECT 1 AS one FROM ${table}${where ? ` WHERE ${where}` : ''} LIMIT 1`,
    params,
  );
  return row !== undefined;
}
