// `cxlens import`: files → staging (DuckDB readers) → validation in SQL → typed rows upserted on
// the natural key (source, source_id), all in one transaction per command: a run that fails
// midway leaves the store as it was. Bad rows never abort the import: they are rejected with a
// located reason (file, line, column, value) and stored, and the good rows load.
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { InputError } from '../lib/errors.js';
import { log } from '../lib/log.js';
import type { EntityDef } from '../schemas/index.js';
import { checkFormat, FileFormat, formatFromName, readHead } from '../sources/index.js';
import { entityColumns, type Store } from '../store/index.js';
import { type CastOptions, checkDateFormat } from './casts.js';
import { addOptionColumns, checkOptionFields, isOptionColumn } from './constant-columns.js';
import { type ColumnMapping, mappingToSave, resolveMapping } from './mapping.js';
import {
  BAD_ORDERS,
  badOrdersSql,
  checkOrderLinesEntity,
  collapseSql,
  earlierSiblingsSql,
  INCOMPLETE,
  keepLinesSql,
  LINE_FIELDS,
  LINES,
  lineAmountSql,
  lineSpecs,
  orderMissingSql,
  siblingRejectsSql,
} from './order-lines.js';
import { type ProgressFn, trackStep } from './progress.js';
import { type BadRow, locateRejects, type RejectRow, storeRejects } from './reject-rows.js';
import { sqlString } from './sql-text.js';
import { STAGE, type StagedFile, stageFile } from './stage.js';
import { fillAgentColumns, filledColumns, upsertTyped } from './upsert.js';
import {
  BAD,
  duplicatesSql,
  rejectReasonsSql,
  TYPED,
  type TypedPlan,
  typedTableSql,
} from './validate.js';

export interface ImportOptions extends CastOptions {
  entity: EntityDef;
  files: readonly string[];
  source: string;
  format?: FileFormat;
  map?: ColumnMapping;
  delimiter?: string;
  /** The CSV/TSV files have no header row: these are their columns, in order (`--columns`). */
  columns?: readonly string[];
  /** Fields filled with one value on every row (`--set kind=nps`), for fields the file lacks. */
  set?: Record<string, string>;
  /** Each row's source_id made from its values, for files with no id column (`--row-id`). */
  rowId?: boolean;
  /** Each row is an order line: lines sharing an order id become one order (`--order-lines`). */
  orderLines?: boolean;
  /** Save the mapping used for this source (default true). */
  saveMapping?: boolean;
  /** At most this many reject rows are stored per file (the count is always exact). */
  maxStoredRejects?: number;
  onProgress?: ProgressFn;
}

export interface FileSummary {
  file: string;
  format: FileFormat;
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  extraColumns: string[];
  ignoredColumns: string[];
}

export interface ImportSummary {
  importId: string;
  entity: string;
  source: string;
  files: FileSummary[];
  rejects: RejectRow[];
  totals: {
    rowsRead: number;
    inserted: number;
    updated: number;
    unchanged: number;
    rejected: number;
  };
  /** With --order-lines: the accepted lines, and the orders they made. */
  orderLines?: { lines: number; orders: number };
  ms: number;
}

const SOURCE_RE = /^[a-z0-9][a-z0-9_.-]{0,63}$/i;

export async function importFiles(store: Store, options: ImportOptions): Promise<ImportSummary> {
  const started = Date.now();
  if (!SOURCE_RE.test(options.source)) {
    throw new InputError(
      'INPUT_BAD_SOURCE',
      `--source "${options.source}": use letters, digits, "_", "." or "-" (at most 64)`,
      {
        where: { field: 'source' },
      },
    );
  }
  if (options.files.length === 0)
    throw new InputError('INPUT_NO_FILES', 'no files given to import');
  checkOptionFields(options.entity, options.set ?? {}, options.rowId ?? false, options.map ?? {});
  if (options.orderLines) checkOrderLinesEntity(options.entity);
  if (options.dateFormat) await checkDateFormat(options.dateFormat);
  // Preflight every file before touching the store, so a missing third file fails up front.
  const plans = options.files.map((file) => planFile(file, options.format));
  const notDelimited = plans.find((p) => p.format !== 'csv' && p.format !== 'tsv');
  if (options.columns && notDelimited) {
    throw new InputError(
      'INPUT_BAD_COLUMNS',
      `${notDelimited.file}: --columns names the columns of a CSV or TSV file with no header row (this file is ${notDelimited.format}, whose records name their fields)`,
      { where: { file: notDelimited.file } },
    );
  }
  const importId = randomUUID();
  const saved = await loadSavedMapping(store, options.source, options.entity.name);
  const files: FileSummary[] = [];
  const rejects: RejectRow[] = [];
  let usedMapping: ColumnMapping | undefined;
  let orderLines: ImportSummary['orderLines'];

  await store.transaction(async () => {
    if (options.orderLines) {
      await store.run(
        `DROP TABLE IF EXISTS ${LINES}; CREATE OR REPLACE TEMP TABLE ${BAD_ORDERS} (source_id VARCHAR, file VARCHAR)`,
      );
    }
    const filled = new Set<string>();
    for (const [fileIndex, plan] of plans.entries()) {
      const base = { file: plan.file, fileIndex, files: plans.length };
      const staged = await trackStep(store, options.onProgress, base, 'read', () =>
        stageFile(store, plan.file, {
          format: plan.format,
          ...(options.delimiter ? { delimiter: options.delimiter } : {}),
          ...(options.columns ? { columns: options.columns } : {}),
        }),
      );
      const result = await loadStaged(store, options, plan, staged, saved, base).finally(() =>
        staged.cleanup?.(),
      );
      files.push(result.summary);
      rejects.push(...result.rejects);
      usedMapping = result.mapping;
      for (const c of result.filled) filled.add(c);
      for (const e of result.earlier) {
        const summary = files[e.fileIndex];
        if (summary) summary.rejected++;
        rejects.push(e.reject);
      }
    }
    if (options.orderLines) orderLines = await loadOrders(store, options.entity, files, filled);
    const t = totals(files);
    await store.run(
      `INSERT INTO import_runs VALUES (?, ?, ?, ${listSql(options.files)}, ?, now()::TIMESTAMP, ?, ?, ?, ?, ?, 'done')`,
      [
        importId,
        options.entity.name,
        options.source,
        new Date(started),
        t.rowsRead,
        t.inserted,
        t.updated,
        t.unchanged,
        t.rejected,
      ],
    );
    await storeRejects(
      store,
      importId,
      { entity: options.entity.name, source: options.source },
      rejects,
    );
    if (usedMapping && options.saveMapping !== false) {
      await store.run('INSERT OR REPLACE INTO source_mappings VALUES (?, ?, ?, now()::TIMESTAMP)', [
        options.source,
        options.entity.name,
        JSON.stringify(usedMapping),
      ]);
    }
  });
  const summary: ImportSummary = {
    importId,
    entity: options.entity.name,
    source: options.source,
    files,
    rejects,
    totals: totals(files),
    ...(orderLines ? { orderLines } : {}),
    ms: Date.now() - started,
  };
  log.info(
    { importId, entity: summary.entity, source: summary.source, ...summary.totals, ms: summary.ms },
    'import finished',
  );
  return summary;
}

interface FilePlan {
  file: string;
  format: FileFormat;
}

function planFile(file: string, format: FileFormat | undefined): FilePlan {
  const head = readHead(file);
  const fmt = format ?? formatFromName(file);
  if (!fmt) {
    throw new InputError(
      'INPUT_UNKNOWN_FORMAT',
      `${file}: cannot tell the format from the name (use --format ${FileFormat.options.join('|')})`,
      {
        where: { file },
      },
    );
  }
  if (statSync(file).size === 0) {
    throw new InputError(
      'INPUT_EMPTY_FILE',
      `${file}: the file is empty${fmt === 'csv' || fmt === 'tsv' ? ' (expected a header row)' : ''}`,
      {
        where: { file },
      },
    );
  }
  checkFormat(file, fmt, head);
  return { file, format: fmt };
}

async function loadSavedMapping(
  store: Store,
  source: string,
  entity: string,
): Promise<ColumnMapping> {
  const row = await store.one<{ mapping: string }>(
    'SELECT mapping FROM source_mappings WHERE source = ? AND entity = ?',
    [source, entity],
  );
  return row ? (JSON.parse(row.mapping) as ColumnMapping) : {};
}

async function loadStaged(
  store: Store,
  options: ImportOptions,
  plan: FilePlan,
  staged: StagedFile,
  saved: ColumnMapping,
  base: { file: string; fileIndex: number; files: number },
): Promise<{
  summary: FileSummary;
  rejects: RejectRow[];
  mapping: ColumnMapping;
  filled: Set<string>;
  /** --order-lines: lines of earlier files rejected because this file rejects a line of their order */
  earlier: { fileIndex: number; reject: RejectRow }[];
}> {
  const entity = options.entity;
  const lines = options.orderLines === true;
  const option = await addOptionColumns(
    store,
    staged.columns,
    options.set ?? {},
    options.rowId ?? false,
  );
  const resolved = resolveMapping(
    entity,
    option.columns,
    { ...option.map, ...options.map },
    staged.segment ? {} : saved,
    plan.file,
    lines ? { lineFields: LINE_FIELDS, notRequired: ['amount'] } : {},
  );
  const lineAmount = lines
    ? lineAmountSql(
        resolved,
        option.columns.filter((c) => !isOptionColumn(c)),
        plan.file,
      )
    : '';
  const specs = lines ? lineSpecs(entity, resolved) : entityColumns(entity);
  const typed: TypedPlan = {
    source: options.source,
    columns: specs.map((spec) => ({ spec, column: resolved.fields.get(spec.name) })),
    extra: resolved.extra,
    ordinal: staged.ordinal,
    skip: false,
  };

  // Lines the reader already rejected (NDJSON keeps them in the stage as empty rows).
  if (staged.addressing === 'lines' && staged.readerRejects.length > 0) {
    await store.run('CREATE OR REPLACE TEMP TABLE _cx_skip (rec BIGINT)');
    const recs = staged.readerRejects.map((r) => String((r.line ?? 0) - 1));
    await store.run(`INSERT INTO _cx_skip SELECT unnest([${recs.join(', ')}]::BIGINT[])`);
    typed.skip = true;
  }

  await store.run(`DROP TABLE IF EXISTS ${TYPED}; DROP TABLE IF EXISTS ${BAD}`);
  await trackStep(store, options.onProgress, base, 'validate', async () => {
    await store.run(typedTableSql(typed, options));
    if (entity.name === 'event' && resolved.fields.has('user_agent')) await fillAgentColumns(store);
  });
  const flagged =
    (await store.one<{ n: number }>(`SELECT count(*) AS n FROM ${TYPED} WHERE _bad`))?.n ?? 0;
  await store.run(
    flagged > 0
      ? rejectReasonsSql(typed, options)
      : `CREATE TEMP TABLE ${BAD} (rec BIGINT, col VARCHAR, value VARCHAR, code VARCHAR, reason VARCHAR, first_rec BIGINT)`,
  );
  const keyColumn = resolved.fields.get('source_id');
  if (lines && keyColumn) {
    // an order's lines share its id: no duplicates, but a bad line rejects its whole order
    for (const sql of [...orderMissingSql(entity, resolved), ...siblingRejectsSql(keyColumn)])
      await store.run(sql);
    await store.run(badOrdersSql(plan.file));
  } else if (keyColumn) await store.run(duplicatesSql(keyColumn));
  const badRows = await store.all<BadRow>(
    `SELECT rec, col, value, code, reason, first_rec FROM ${BAD} ORDER BY rec, col LIMIT ${options.maxStoredRejects ?? 100_000}`,
  );
  const rejectedCount =
    (await store.one<{ n: number }>(`SELECT count(DISTINCT rec) AS n FROM ${BAD}`))?.n ?? 0;
  const rejects = await locateRejects(plan.file, staged, badRows);

  const earlier: { fileIndex: number; reject: RejectRow }[] = [];
  let counts = { total: 0, inserted: 0, updated: 0 };
  if (lines) {
    // the orders are loaded after the last file (loadOrders): keep this file's good lines
    if (base.fileIndex > 0) {
      const found = await store.all<{ file_index: number; rec: number; id: string }>(
        earlierSiblingsSql(base.fileIndex, plan.file),
      );
      for (const f of found) {
        earlier.push({
          fileIndex: f.file_index,
          reject: {
            file: options.files[f.file_index] ?? '',
            line: null,
            column: null,
            value: f.id.slice(0, 200),
            code: INCOMPLETE,
            reason: `another line of order ${f.id} was rejected (in ${plan.file}) (record ${f.rec + 1})`,
          },
        });
      }
      if (found.length > 0)
        await store.run(
          `DELETE FROM ${LINES} WHERE _file < ${base.fileIndex} AND source_id IN (SELECT source_id FROM ${BAD_ORDERS} WHERE file = ?)`,
          [plan.file],
        );
    }
    await store.run(keepLinesSql(specs, base.fileIndex, lineAmount));
  } else {
    const [c] = await trackStep(store, options.onProgress, base, 'load', () =>
      upsertTyped(store, entity, rejectedCount > 0, filledColumns(entity, resolved)),
    );
    if (c) counts = c;
  }
  await store.run(
    `DROP TABLE IF EXISTS ${STAGE}; DROP TABLE IF EXISTS ${BAD}; DROP TABLE IF EXISTS ${TYPED}; DROP TABLE IF EXISTS _cx_skip`,
  );
  options.onProgress?.({ ...base, step: 'done', fraction: (base.fileIndex + 1) / base.files });

  return {
    summary: {
      file: plan.file,
      format: plan.format,
      rowsRead: staged.rows + staged.readerRejects.length,
      inserted: counts.inserted,
      updated: counts.updated,
      unchanged: counts.total - counts.inserted - counts.updated,
      rejected: rejectedCount + staged.readerRejects.length,
      extraColumns: resolved.extra,
      ignoredColumns: resolved.ignored,
    },
    rejects,
    mapping: mappingToSave(resolved),
    filled: filledColumns(entity, resolved),
    earlier,
  };
}

/**
 * --order-lines, after the last file: the kept lines become orders, upserted; each order counts
 * in the summary of the file of its first line.
 */
async function loadOrders(
  store: Store,
  entity: EntityDef,
  files: FileSummary[],
  filled: Set<string>,
): Promise<{ lines: number; orders: number }> {
  const lines = (await store.one<{ n: number }>(`SELECT count(*) AS n FROM ${LINES}`))?.n ?? 0;
  await store.run(`DROP TABLE IF EXISTS ${TYPED}`);
  await store.run(collapseSql(entity));
  const columns = new Set([...filled].filter((c) => !LINE_FIELDS.some((f) => f.name === c)));
  columns.add('amount');
  const counts = await upsertTyped(store, entity, false, columns, '_file');
  for (const [i, c] of counts.entries()) {
    const summary = files[i];
    if (!summary || !c) continue; // sparse: a file whose lines made no order
    summary.inserted = c.inserted;
    summary.updated = c.updated;
    summary.unchanged = c.total - c.inserted - c.updated;
  }
  const orders = counts.reduce((n, c) => n + (c?.total ?? 0), 0);
  await store.run(`DROP TABLE ${TYPED}; DROP TABLE ${LINES}; DROP TABLE ${BAD_ORDERS}`);
  return { lines, orders };
}

function listSql(values: readonly string[]): string {
  return `[${values.map(sqlString).join(', ')}]::VARCHAR[]`;
}

function totals(files: FileSummary[]): ImportSummary['totals'] {
  const t = { rowsRead: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
  for (const f of files) {
    t.rowsRead += f.rowsRead;
    t.inserted += f.inserted;
    t.updated += f.updated;
    t.unchanged += f.unchanged;
    t.rejected += f.rejected;
  }
  return t;
}
