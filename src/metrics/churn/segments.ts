// Saved segments (tables segments + segment_members, migration 008): a named list of persons with
// the definition that produced it. saveRetentionCell saves one cell of the cohort retention
// matrix: the customers acquired in a month who were still customers (or had churned) by the end
// of month k after it, under the configured churn definition. It refuses a cohort without
// customers (the segment would be empty by construction) and a name already saved for another
// cell unless told to replace it; saving the same cell again refreshes its members.
import { InputError, NotFoundError } from '../../lib/errors.js';
import type { Store } from '../../store/index.js';
import type { ChurnConfig } from './config.js';
import { addMonths, isoDay, parseMonth } from './dates.js';
import { buildPopulation, LIFETIMES_TABLE } from './population.js';
import { SaveCellOptions, type SavedSegment } from './schemas.js';

export interface SegmentInput {
  name: string;
  kind: string;
  definition: Record<string, unknown>;
  /** SQL selecting one column, person_id (the members), and its parameters. */
  membersSql: string;
  params?: (string | number | Date)[];
}

/** Writes (or replaces) a segment and its members in one transaction. */
export async function saveSegment(store: Store, input: SegmentInput): Promise<SavedSegment> {
  return store.transaction(async () => {
    await store.run('DELETE FROM segment_members WHERE segment = ?', [input.name]);
    await store.run('DELETE FROM segments WHERE name = ?', [input.name]);
    await store.run(
      `INSERT INTO segment_members SELECT DISTINCT ?, person_id FROM (${input.membersSql}) WHERE person_id IS NOT NULL`,
      [input.name, ...(input.params ?? [])],
    );
    const size =
      (
        await store.one<{ n: number }>(
          'SELECT count(*) AS n FROM segment_members WHERE segment = ?',
          [input.name],
        )
      )?.n ?? 0;
    await store.run('INSERT INTO segments VALUES (?, ?, ?, ?, now())', [
      input.name,
      input.kind,
      JSON.stringify(input.definition),
      size,
    ]);
    return { name: input.name, kind: input.kind, definition: input.definition, size };
  });
}

/** Names and sizes of the saved segments. */
export async function listSegments(store: Store): Promise<SavedSegment[]> {
  const rows = await store.all<{ name: string; kind: string; definition: string; size: number }>(
    'SELECT name, kind, CAST(definition AS VARCHAR) AS definition, size FROM segments ORDER BY name',
  );
  return rows.map((r) => ({
    ...r,
    definition: JSON.parse(r.definition) as Record<string, unknown>,
  }));
}

async function findSegment(store: Store, name: string): Promise<SavedSegment | undefined> {
  return (await listSegments(store)).find((s) => s.name === name);
}

/** Throws NotFoundError unless the segment exists. */
export async function requireSegment(store: Store, name: string): Promise<void> {
  const row = await store.one('SELECT 1 FROM segments WHERE name = ?', [name]);
  if (!row) {
    const names = (await listSegments(store)).map((s) => s.name);
    throw new NotFoundError(
      'SEGMENT_NOT_FOUND',
      `segment "${name}": not saved (saved: ${names.length ? names.join(', ') : 'none'})`,
      { where: { field: 'segment' } },
    );
  }
}

// The fields that make two saved cells the same segment (dataEnd only says when it was saved).
const CELL_KEYS = ['cohort', 'monthsSince', 'which', 'churnDefinition'] as const;

function isSameCell(saved: SavedSegment, definition: Record<string, unknown>): boolean {
  return (
    saved.kind === 'cohort_cell' &&
    CELL_KEYS.every((k) => JSON.stringify(saved.definition[k]) === JSON.stringify(definition[k]))
  );
}

function describeCell(d: Record<string, unknown>): string {
  return `cohort ${String(d.cohort)} month ${String(d.monthsSince)} ${String(d.which)}`;
}

/**
 * Saves cell (cohort, monthsSince) of the retention matrix as a segment. `replace` lets it
 * overwrite a segment of the same name that holds something else.
 */
export async function saveRetentionCell(
  store: Store,
  cfg: ChurnConfig,
  options: SaveCellOptions,
  { replace = false }: { replace?: boolean } = {},
): Promise<SavedSegment> {
  const opts = SaveCellOptions.parse(options);
  const cohort = parseMonth(opts.cohort, 'cohort');
  const pop = await buildPopulation(store, cfg);
  const cellMonth = addMonths(cohort, opts.monthsSince);
  if (!pop || cellMonth.getTime() > pop.end.getTime()) {
    throw new InputError(
      'INPUT_CELL_OUT_OF_RANGE',
      `cell ${opts.cohort} + ${opts.monthsSince} months: that month is after the data end${pop ? ` ${isoDay(pop.end)}` : ''}`,
      { where: { field: 'month' } },
    );
  }
  const cohorts = await store.one<{ n: number; first: Date | null; last: Date | null }>(
    `SELECT count(*) FILTER (WHERE date_trunc('month', first_at) = CAST(? AS DATE)) AS n,
       min(first_at) AS first, max(first_at) AS last FROM ${LIFETIMES_TABLE}`,
    [isoDay(cohort)],
  );
  if (!cohorts?.n) {
    const span =
      cohorts?.first && cohorts.last
        ? `cohorts run from ${isoDay(cohorts.first).slice(0, 7)} to ${isoDay(cohorts.last).slice(0, 7)}`
        : 'no customers yet';
    throw new InputError(
      'INPUT_EMPTY_COHORT',
      `cohort ${opts.cohort}: no customers were acquired that month, so the cell would be empty (${span})`,
      { where: { field: 'cohort' } },
    );
  }
  const boundary = isoDay(addMonths(cellMonth, 1));
  const condition =
    opts.which === 'retained'
      ? '(churn_at IS NULL OR churn_at >= CAST(? AS DATE))'
      : 'churn_at < CAST(? AS DATE)';
  const name = opts.name ?? `cohort-${opts.cohort}-m${opts.monthsSince}-${opts.which}`;
  const definition = {
    cohort: opts.cohort,
    monthsSince: opts.monthsSince,
    which: opts.which,
    churnDefinition: cfg.definition,
    dataEnd: isoDay(pop.end),
  };
  const existing = await findSegment(store, name);
  if (existing && !replace && !isSameCell(existing, definition)) {
    const what =
      existing.kind === 'cohort_cell' ? describeCell(existing.definition) : existing.kind;
    throw new InputError(
      'INPUT_SEGMENT_EXISTS',
      `segment "${name}": already saved for ${what} (${existing.size} customers) — choose another name, or replace it (--replace; "replace": true in the API)`,
      { where: { field: 'name' } },
    );
  }
  return saveSegment(store, {
    name,
    kind: 'cohort_cell',
    definition,
    membersSql: `SELECT person_id FROM ${LIFETIMES_TABLE}
      WHERE date_trunc('month', first_at) = CAST(? AS DATE) AND ${condition}`,
    params: [isoDay(cohort), boundary],
  });
}
