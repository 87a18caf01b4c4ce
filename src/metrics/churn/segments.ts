// Saved segments (tables segments + segment_members, migration 008): a named list of persons with
// the definition that produced it. saveRetentionCell saves one cell of the cohort retention
// matrix: the customers acquired in a month who were still customers (or had churned) by the end
// of month k after it, under the configured churn definition.
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

/** Saves cell (cohort, monthsSince) of the retention matrix as a segment. */
export async function saveRetentionCell(
  store: Store,
  cfg: ChurnConfig,
  options: SaveCellOptions,
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
  const boundary = isoDay(addMonths(cellMonth, 1));
  const condition =
    opts.which === 'retained'
      ? '(churn_at IS NULL OR churn_at >= CAST(? AS DATE))'
      : 'churn_at < CAST(? AS DATE)';
  const name = opts.name ?? `cohort-${opts.cohort}-m${opts.monthsSince}-${opts.which}`;
  return saveSegment(store, {
    name,
    kind: 'cohort_cell',
    definition: {
      cohort: opts.cohort,
      monthsSince: opts.monthsSince,
      which: opts.which,
      churnDefinition: cfg.definition,
      dataEnd: isoDay(pop.end),
    },
    membersSql: `SELECT person_id FROM ${LIFETIMES_TABLE}
      WHERE date_trunc('month', first_at) = CAST(? AS DATE) AND ${condition}`,
    params: [isoDay(cohort), boundary],
  });
}
