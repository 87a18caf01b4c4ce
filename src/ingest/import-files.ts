// `cxlens import`: files → staging (DuckDB readers) → validation in SQL → typed rows upserted on
// the natural key (source, source_id), all in one transaction per command: a run that fails
// midway leaves the store as it was. Bad rows never abort the import: they are rejected with a
// located reason (file, line, column, value) and stored, and the good rows load.
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { InputError } from '../lib/errors.js';
import { log } from '../lib/log.js';
import type { EntityDef } from '../schemas/index.js';
import {
  checkFormat,
  FileFormat,
  formatFromName,
  parseUserAgent,
  readHead,
} from '../sources/index.js';
import { entityColumns, type Store } from '../store/index.js';
import { type CastOptions, checkDateFormat } from './casts.js';
import { addOptionColumns, checkOptionFields, isOptionColumn } from './constant-columns.js';
import { countLines, linesByParsing, linesFromOrdinals } from './line-map.js';
import {
  type ColumnMapping,
  mappingToSave,
  type ResolvedMapping,
  resolveMapping,
} from './mapping.js';
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
import { sqlIdent, sqlString } from './sql-text.js';
import { STAGE, type StagedFile, stageFile } from './stage.js';
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

export interface RejectRow {
  file: string;
  line: number | null;
  column: string | null;
  value: string | null;
  code: string;
  reason: string;
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
    await storeRejects(store, importId, options, rejects);
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

type BadRow = {
  rec: number;
  col: string;
  value: string | null;
  code: string;
  reason: string;
  first_rec: number | null;
};

async function locateRejects(
  file: string,
  staged: StagedFile,
  bad: BadRow[],
): Promise<RejectRow[]> {
  const readerRows: RejectRow[] = staged.readerRejects.map((r) => ({ file, ...r }));
  if (bad.length === 0) return readerRows;
  const ordinals = [
    ...new Set(bad.flatMap((b) => (b.first_rec === null ? [b.rec] : [b.rec, b.first_rec]))),
  ];
  let lineOf: (rec: number) => number | null;
  if (staged.addressing === 'lines') lineOf = (rec) => rec + 1;
  else if (staged.addressing === 'records') lineOf = () => null;
  else {
    const rejectedLines = staged.readerRejects.flatMap((r) => (r.line === null ? [] : [r.line]));
    const linesFile = staged.linesFile ?? file;
    const physical = await countLines(linesFile);
    const map =
      physical === staged.rows + new Set(rejectedLines).size + staged.headerLines
        ? linesFromOrdinals(ordinals, rejectedLines, staged.headerLines)
        : await linesByParsing(
            linesFile,
            staged.delimiter ?? ',',
            ordinals,
            rejectedLines,
            staged.headerLines,
          );
    lineOf = (rec) => map.get(rec) ?? null;
  }
  const located = bad.map((b) => {
    const line = lineOf(b.rec);
    const firstLine = b.first_rec === null ? null : lineOf(b.first_rec);
    const where = staged.addressing === 'records' ? ` (record ${b.rec + 1})` : '';
    const reason =
      b.code === 'INPUT_DUPLICATE_KEY' && firstLine !== null
        ? `repeats the id of line ${firstLine} (the first row is kept)`
        : b.code === INCOMPLETE && firstLine !== null
          ? `${b.reason} (line ${firstLine})`
          : b.reason;
    return { file, line, column: b.col, value: b.value, code: b.code, reason: `${reason}${where}` };
  });
  return [...readerRows, ...located].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/** Inserts new keys and updates changed rows; a source's first load skips the key lookups. */
/** Columns parsed from event user agents when the file has none of their own. */
const AGENT_COLUMNS = ['browser', 'browser_version', 'os', 'os_version', 'device_type'];

/** The columns this file fills: its mapped fields, what they derive, and attributes if kept. */
function filledColumns(entity: EntityDef, resolved: ResolvedMapping): Set<string> {
  const out = new Set(resolved.fields.keys());
  if (entity.name === 'event' && out.has('user_agent')) for (const c of AGENT_COLUMNS) out.add(c);
  if (resolved.extra.length > 0) out.add('attributes');
  return out;
}

/**
 * Inserts new rows and updates changed ones, by (source, source_id). An update touches only the
 * columns this file fills (`filled`): re-importing a narrower export, or one with a column
 * mapped to "-", must not erase what an earlier import stored.
 */
async function upsertTyped(
  store: Store,
  entity: EntityDef,
  hasRejects: boolean,
  filled: ReadonlySet<string>,
  /** a column of TYPED to count by (a file index): the result has one entry per value */
  group?: string,
): Promise<{ total: number; inserted: number; updated: number }[]> {
  const table = entity.table;
  const specs = entityColumns(entity);
  const cols = specs.map((s) => sqlIdent(s.name)).join(', ');
  const accepted = hasRejects
    ? `NOT t._bad AND t._rec NOT IN (SELECT rec FROM ${BAD})`
    : 'NOT t._bad';
  const g = group ? `t.${sqlIdent(group)}` : '0';
  const out: { total: number; inserted: number; updated: number }[] = [];
  const countBy = async (sql: string, key: 'total' | 'inserted' | 'updated') => {
    for (const r of await store.all<{ g: number; n: number }>(
      `SELECT ${g} AS g, count(*) AS n ${sql} GROUP BY ALL`,
    )) {
      out[r.g] ??= { total: 0, inserted: 0, updated: 0 };
      (out[r.g] as Record<typeof key, number>)[key] = r.n;
    }
  };
  await countBy(`FROM ${TYPED} t WHERE ${accepted}`, 'total');
  const source = (await store.one<{ s: string }>(`SELECT source AS s FROM ${TYPED} LIMIT 1`))?.s;
  const existing =
    source === undefined
      ? 0
      : ((
          await store.one<{ n: number }>(
            `SELECT count(*) AS n FROM (SELECT 1 FROM ${table} WHERE source = ? LIMIT 1)`,
            [source],
          )
        )?.n ?? 0);
  if (existing === 0) {
    await store.run(
      `INSERT INTO ${table} (${cols}) SELECT ${cols} FROM ${TYPED} t WHERE ${accepted}`,
    );
    for (const c of out) if (c) c.inserted = c.total;
    return out;
  }
  const key = 't.source = x.source AND t.source_id = x.source_id';
  const others = specs.filter(
    (s) => s.name !== 'source' && s.name !== 'source_id' && filled.has(s.name),
  );
  // a file of keys only updates nothing (its new keys are still inserted below)
  const differs =
    others
      .map((s) => `t.${sqlIdent(s.name)} IS DISTINCT FROM x.${sqlIdent(s.name)}`)
      .join(' OR ') || 'false';
  await countBy(
    `FROM ${TYPED} t JOIN ${table} x ON ${key} WHERE ${accepted} AND (${differs})`,
    'updated',
  );
  if (out.some((c) => c?.updated)) {
    await store.run(
      `UPDATE ${table} AS x SET ${others.map((s) => `${sqlIdent(s.name)} = t.${sqlIdent(s.name)}`).join(', ')} FROM ${TYPED} t WHERE ${key} AND ${accepted} AND (${differs})`,
    );
  }
  const fresh = `${accepted} AND NOT EXISTS (SELECT 1 FROM ${table} x WHERE ${key})`;
  await countBy(`FROM ${TYPED} t WHERE ${fresh}`, 'inserted');
  await store.run(
    `INSERT INTO ${table} (${cols}) SELECT ${specs.map((s) => `t.${sqlIdent(s.name)}`).join(', ')} FROM ${TYPED} t WHERE ${fresh}`,
  );
  return out;
}

/** Browser / OS / device from the user agent, parsed once per distinct agent. */
async function fillAgentColumns(store: Store): Promise<void> {
  const agents = await store.all<{ ua: string }>(
    'SELECT DISTINCT user_agent AS ua FROM _cx_typed WHERE user_agent IS NOT NULL AND (browser IS NULL OR os IS NULL OR device_type IS NULL)',
  );
  if (agents.length === 0) return;
  await store.run(
    'CREATE OR REPLACE TEMP TABLE _cx_ua (ua VARCHAR, browser VARCHAR, browser_version VARCHAR, os VARCHAR, os_version VARCHAR, device_type VARCHAR)',
  );
  const appender = await store.conn.createAppender('_cx_ua', 'main', 'temp');
  for (const { ua } of agents) {
    const p = parseUserAgent(ua);
    appender.appendVarchar(ua);
    for (const v of [p.browser, p.browser_version, p.os, p.os_version, p.device_type]) {
      if (v === null) appender.appendNull();
      else appender.appendVarchar(v);
    }
    appender.endRow();
  }
  appender.closeSync();
  await store.run(
    `UPDATE _cx_typed AS t SET browser = coalesce(t.browser, u.browser), browser_version = coalesce(t.browser_version, u.browser_version), os = coalesce(t.os, u.os), os_version = coalesce(t.os_version, u.os_version), device_type = coalesce(t.device_type, u.device_type) FROM _cx_ua u WHERE t.user_agent = u.ua`,
  );
  await store.run('DROP TABLE _cx_ua');
}

async function storeRejects(
  store: Store,
  importId: string,
  options: ImportOptions,
  rejects: RejectRow[],
): Promise<void> {
  if (rejects.length === 0) return;
  await store.run(
    'CREATE OR REPLACE TEMP TABLE _cx_rej (file VARCHAR, line BIGINT, "column" VARCHAR, value VARCHAR, code VARCHAR, reason VARCHAR)',
  );
  const appender = await store.conn.createAppender('_cx_rej', 'main', 'temp');
  for (const r of rejects) {
    appender.appendVarchar(r.file);
    if (r.line === null) appender.appendNull();
    else appender.appendBigInt(BigInt(r.line));
    for (const v of [r.column, r.value, r.code, r.reason]) {
      if (v === null) appender.appendNull();
      else appender.appendVarchar(v);
    }
    appender.endRow();
  }
  appender.closeSync();
  await store.run(
    'INSERT INTO rejects SELECT ?, ?, ?, file, line, "column", value, code, reason, now()::TIMESTAMP FROM _cx_rej',
    [importId, options.entity.name, options.source],
  );
  await store.run('DROP TABLE _cx_rej');
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
