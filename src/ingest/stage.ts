// Loads one file into a temporary staging table of VARCHAR columns, letting DuckDB's readers do
// the parsing (fast path: no row-by-row JS). Rows the reader itself rejects (unclosed quotes,
// ragged rows, invalid UTF-8) are returned with their line numbers. `rowid` of the staging table
// is the record's ordinal among the records the reader accepted.
import { InputError } from '../lib/errors.js';
import {
  type FileFormat,
  headerlessColumns,
  parseCsvHeader,
  readTextHead,
  WHITESPACE_DELIMITER,
  whitespaceToTsv,
} from '../sources/index.js';
import { looksLikeSegment, SEGMENT_PATHS } from '../sources/segment-paths.js';
import type { Store } from '../store/index.js';
import { sqlIdent, sqlString, structFieldSql } from './sql-text.js';

export const STAGE = '_cx_stage';

export interface ReaderReject {
  line: number | null;
  column: string | null;
  value: string | null;
  code: string;
  reason: string;
}

export interface StagedFile {
  columns: string[];
  /** How staging rows map back to lines: 'csv' (header + one line per record unless multi-line
   * values), 'lines' (NDJSON: line = rowid + 1), 'records' (JSON array / Parquet: record number). */
  addressing: 'csv' | 'lines' | 'records';
  readerRejects: ReaderReject[];
  rows: number;
  delimiter?: string;
  /** Lines before the first record: 1 for a header row, 0 for a file read with --columns. */
  headerLines: number;
  /** The file the lines of records are counted in, where it is not the file itself (the TSV
   * copy of a whitespace-aligned file; same lines). */
  linesFile?: string;
  /** Removes what staging wrote to disk (the TSV copy); call once the file is imported. */
  cleanup?: () => void;
  /** NDJSON/JSON in Segment message shape: columns are already event fields. */
  segment: boolean;
  /** SQL for a staging row's 0-based ordinal. Temp-table rowids inside a transaction carry an
   * offset, so the ordinal is rowid minus the first rowid. */
  ordinal: string;
}

export interface StageOptions {
  format: FileFormat;
  delimiter?: string;
  /** The file has no header row: these are its columns, in order (CSV/TSV only). */
  columns?: readonly string[];
  /** Bytes; lines longer than this are rejected by the reader. */
  maxLineBytes?: number;
}

const READER_CODES: Record<string, string> = {
  'UNQUOTED VALUE': 'INPUT_UNCLOSED_QUOTE',
  'MISSING COLUMNS': 'INPUT_RAGGED_ROW',
  'TOO MANY COLUMNS': 'INPUT_RAGGED_ROW',
  'INVALID ENCODING': 'INPUT_BAD_ENCODING',
  'INVALID UNICODE': 'INPUT_BAD_ENCODING',
  'LINE SIZE OVER MAXIMUM': 'INPUT_LINE_TOO_LONG',
  'CAST ERROR': 'INPUT_BAD_VALUE',
};

export async function stageFile(
  store: Store,
  file: string,
  options: StageOptions,
): Promise<StagedFile> {
  await store.run(`DROP TABLE IF EXISTS ${STAGE}`);
  const staged =
    options.delimiter === WHITESPACE_DELIMITER
      ? await stageWhitespace(store, file, options)
      : await stageByFormat(store, file, options);
  // Read as text: the offset (2^55) is beyond JS number precision.
  const base =
    (await store.one<{ b: string | null }>(`SELECT CAST(min(rowid) AS VARCHAR) AS b FROM ${STAGE}`))
      ?.b ?? '0';
  return { ...staged, ordinal: `(s.rowid - ${BigInt(base).toString()})` };
}

async function stageByFormat(
  store: Store,
  file: string,
  options: StageOptions,
): Promise<Omit<StagedFile, 'ordinal'>> {
  switch (options.format) {
    case 'csv':
    case 'tsv':
      return stageCsv(store, file, options);
    case 'ndjson':
      return stageNdjson(store, file);
    case 'json':
      return stageJsonArray(store, file);
    case 'parquet':
      return stageParquet(store, file);
  }
}

/** A whitespace-aligned file: read from its TSV copy, reported as itself. */
async function stageWhitespace(
  store: Store,
  file: string,
  options: StageOptions,
): Promise<Omit<StagedFile, 'ordinal'>> {
  if (options.format !== 'csv' && options.format !== 'tsv') {
    throw new InputError(
      'INPUT_BAD_OPTION',
      `${file}: --delimiter ${WHITESPACE_DELIMITER} is for delimited text files, not ${options.format}`,
      { where: { file } },
    );
  }
  const copy = await whitespaceToTsv(file);
  try {
    const staged = await stageCsv(store, file, { ...options, delimiter: '\t' }, copy.path);
    return { ...staged, linesFile: copy.path, cleanup: copy.remove };
  } catch (error) {
    copy.remove();
    throw error;
  }
}

/** `file` names the file in messages; `read` is the path read, where it differs (a TSV copy). */
async function stageCsv(
  store: Store,
  file: string,
  options: StageOptions,
  read = file,
): Promise<Omit<StagedFile, 'ordinal'>> {
  const head = await readTextHead(read);
  const delimiter = options.delimiter ?? (options.format === 'tsv' ? '\t' : undefined);
  const header = options.columns
    ? headerlessColumns(file, head, options.columns, delimiter)
    : parseCsvHeader(file, head, delimiter);
  const columns = header.columns;
  const colStruct = `{${columns.map((c) => `${sqlString(c)}: 'VARCHAR'`).join(', ')}}`;
  const maxLine = options.maxLineBytes ?? 8 * 1024 * 1024;
  await store.run('DROP TABLE IF EXISTS _cx_rej_scan; DROP TABLE IF EXISTS _cx_rej_err');
  await store.run(
    `CREATE TEMP TABLE ${STAGE} AS SELECT *, false AS _blank FROM read_csv(${sqlString(read)}, header = ${options.columns ? 'false' : 'true'}, auto_detect = false, delim = ${sqlString(header.delimiter)}, quote = '"', escape = '"', columns = ${colStruct}, store_rejects = true, rejects_scan = '_cx_rej_scan', rejects_table = '_cx_rej_err', strict_mode = true, max_line_size = ${maxLine}, parallel = true)`,
  );
  const errors = await store.all<{
    line: number | null;
    column_name: string | null;
    error_type: string;
    csv_line: string | null;
    error_message: string;
  }>(
    'SELECT line, column_name, error_type, csv_line, error_message FROM _cx_rej_err ORDER BY line, column_idx',
  );
  await store.run('DROP TABLE IF EXISTS _cx_rej_scan; DROP TABLE IF EXISTS _cx_rej_err');
  const readerRejects: ReaderReject[] = [];
  const seenLines = new Set<number>();
  for (const e of errors) {
    // One reason per line: the first error the reader found on it.
    if (e.line !== null && seenLines.has(e.line)) continue;
    if (e.line !== null) seenLines.add(e.line);
    readerRejects.push({
      line: e.line,
      column: e.column_name,
      value: e.csv_line === null ? null : e.csv_line.slice(0, 200),
      code: READER_CODES[e.error_type] ?? 'INPUT_BAD_ROW',
      reason: readerReason(e.error_type, e.error_message, columns.length),
    });
  }
  const rows = (await store.one<{ n: number }>(`SELECT count(*) AS n FROM ${STAGE}`))?.n ?? 0;
  return {
    columns,
    addressing: 'csv',
    readerRejects,
    rows,
    delimiter: header.delimiter,
    headerLines: options.columns ? 0 : 1,
    segment: false,
  };
}

function readerReason(type: string, message: string, expected: number): string {
  switch (type) {
    case 'UNQUOTED VALUE':
      return 'a quoted value is not closed (the rest of the record is unreadable)';
    case 'MISSING COLUMNS':
    case 'TOO MANY COLUMNS': {
      const found = /Found: (\d+)/.exec(message)?.[1];
      return `has ${found ?? 'a different number of'} fields (expected ${expected}, as in the header)`;
    }
    case 'INVALID ENCODING':
    case 'INVALID UNICODE':
      return 'is not valid UTF-8 (re-export the file as UTF-8)';
    case 'LINE SIZE OVER MAXIMUM':
      return 'is longer than the maximum line size';
    default:
      return message.split('\n')[0] ?? type;
  }
}

/** NDJSON: one VARCHAR per physical line (blank lines kept), so line = ordinal + 1 exactly. */
async function stageNdjson(store: Store, file: string): Promise<Omit<StagedFile, 'ordinal'>> {
  const lines = `(SELECT j FROM read_csv(${sqlString(file)}, header = false, auto_detect = false, columns = {'j': 'VARCHAR'}, delim = E'\\x01', quote = '', escape = '', strict_mode = false, max_line_size = 67108864))`;
  return stageJsonRecords(store, lines, 'lines');
}

async function stageJsonArray(store: Store, file: string): Promise<Omit<StagedFile, 'ordinal'>> {
  try {
    await store.run(
      `CREATE TEMP TABLE _cx_lines AS SELECT CAST(json AS VARCHAR) AS j FROM read_json_objects(${sqlString(file)}, format = 'auto')`,
    );
  } catch (cause) {
    throw new InputError(
      'INPUT_BAD_JSON',
      `${file}: is not valid JSON — ${(cause as Error).message.split('\n')[0]}`,
      {
        where: { file },
        cause,
      },
    );
  }
  const staged = await stageJsonRecords(store, '_cx_lines', 'records');
  await store.run('DROP TABLE _cx_lines');
  return staged;
}

/** A from_json structure: nested keys down to each path's leaf type. */
export function structureOf(paths: readonly { path: string; type: 'VARCHAR' | 'JSON' }[]): string {
  const root: Record<string, unknown> = {};
  for (const { path, type } of paths) {
    const keys = path.slice(2).split('.');
    let node = root;
    for (const [i, key] of keys.entries()) {
      if (i === keys.length - 1) {
        node[key] = type;
      } else {
        node[key] ??= {};
        node = node[key] as Record<string, unknown>;
      }
    }
  }
  return JSON.stringify(root);
}

/** SQL: the record `j` starts like a JSON object (whitespace before the brace allowed). */
const IS_OBJECT = "regexp_matches(j, '^\\s*\\{')";

/**
 * Turns JSON objects into VARCHAR columns (Segment messages by SEGMENT_PATHS, other records by
 * key), parsing each document once with from_json into a STRUCT. Lines that are not JSON objects
 * stay in the staging table as empty rows, so ordinals keep addressing lines, and are reported.
 */
async function stageJsonRecords(
  store: Store,
  lines: string,
  addressing: 'lines' | 'records',
): Promise<Omit<StagedFile, 'ordinal'>> {
  // Keys over every record, not a sample: a field that first appears late in the file would
  // otherwise be dropped without a word.
  const keyRows = await store.all<{ k: string }>(
    `SELECT DISTINCT unnest(json_keys(j)) AS k FROM (SELECT j FROM ${lines} WHERE ${IS_OBJECT} AND json_valid(j)) ORDER BY k`,
  );
  const keys = keyRows.map((r) => r.k);
  const segment = looksLikeSegment(keys);
  const exprs: { name: string; sql: string }[] = [];
  let columns: string[];
  let structure: string;
  if (segment) {
    columns = SEGMENT_PATHS.map((p) => p.field);
    // Subtrees kept as JSON (context, properties) are read by a second extract: a STRUCT cannot
    // hold both a subtree and leaves inside it.
    const scalar = SEGMENT_PATHS.filter((p) => !p.json).flatMap((p) =>
      p.paths.map((path) => ({ path, type: 'VARCHAR' as const })),
    );
    structure = structureOf(scalar);
    const leaf = (path: string) => structFieldSql('_s', path);
    for (const p of SEGMENT_PATHS) {
      const reads = p.json
        ? p.paths.map(
            (path) =>
              `CASE WHEN _s IS NOT NULL THEN CAST(json_extract(_j, ${sqlString(path)}) AS VARCHAR) END`,
          )
        : p.paths.map(leaf);
      exprs.push({ name: p.field, sql: `coalesce(${reads.join(', ')})` });
    }
  } else {
    columns = keys;
    structure = JSON.stringify(Object.fromEntries(keys.map((k) => [k, 'JSON'])));
    for (const k of keys) {
      const v = `_s[${sqlString(k)}]`;
      exprs.push({
        name: k,
        sql: `CASE WHEN json_type(${v}) IN ('OBJECT', 'ARRAY') THEN CAST(${v} AS VARCHAR) ELSE json_extract_string(${v}, '$') END`,
      });
    }
  }
  // TRY turns a malformed line into NULL (reported below) instead of failing the statement,
  // which would abort the import's transaction.
  // Only objects are parsed: from_json reads an array or a scalar as a record of NULLs, which
  // would be rejected later as a missing id instead of as what it is.
  const parsed = `SELECT j AS _j, CASE WHEN ${IS_OBJECT} THEN TRY(from_json(j, ${sqlString(structure)})) END AS _s, (j IS NULL OR trim(j) = '') AS _blank FROM ${lines}`;
  await store.run(
    `CREATE TEMP TABLE ${STAGE} AS SELECT ${exprs.map((e) => `${e.sql} AS ${sqlIdent(e.name)}`).join(', ')}, _blank, CASE WHEN NOT _blank AND _s IS NULL THEN left(_j, 200) END AS _invalid FROM (${parsed})`,
  );
  const bad = await store.all<{ rec: number; raw: string }>(
    `SELECT rec, raw FROM (SELECT rowid - (SELECT min(rowid) FROM ${STAGE}) AS rec, _invalid AS raw FROM ${STAGE}) WHERE raw IS NOT NULL ORDER BY rec`,
  );
  const readerRejects: ReaderReject[] = bad.map((b) => ({
    line: addressing === 'lines' ? b.rec + 1 : null,
    column: null,
    value: b.raw,
    code: 'INPUT_BAD_JSON',
    reason:
      addressing === 'lines' ? 'is not a JSON object' : `record ${b.rec + 1} is not a JSON object`,
  }));
  if (bad.length > 0)
    await store.run(`UPDATE ${STAGE} SET _blank = true WHERE _invalid IS NOT NULL`);
  await store.run(`ALTER TABLE ${STAGE} DROP COLUMN _invalid`);
  const rows =
    (await store.one<{ n: number }>(`SELECT count(*) AS n FROM ${STAGE} WHERE NOT _blank`))?.n ?? 0;
  return { columns, addressing, readerRejects, rows, headerLines: 0, segment };
}

async function stageParquet(store: Store, file: string): Promise<Omit<StagedFile, 'ordinal'>> {
  try {
    await store.run(`CREATE TEMP TABLE _cx_pq AS SELECT * FROM read_parquet(${sqlString(file)})`);
  } catch (cause) {
    throw new InputError(
      'INPUT_WRONG_FORMAT',
      `${file}: cannot be read as Parquet — ${(cause as Error).message.split('\n')[0]}`,
      {
        where: { file },
        cause,
      },
    );
  }
  const cols = await store.all<{ column_name: string }>(
    "SELECT column_name FROM information_schema.columns WHERE table_name = '_cx_pq' ORDER BY ordinal_position",
  );
  const columns = cols.map((c) => c.column_name);
  await store.run(
    `CREATE TEMP TABLE ${STAGE} AS SELECT ${columns.map((c) => `CAST(${sqlIdent(c)} AS VARCHAR) AS ${sqlIdent(c)}`).join(', ')}, false AS _blank FROM _cx_pq`,
  );
  await store.run('DROP TABLE _cx_pq');
  const rows = (await store.one<{ n: number }>(`SELECT count(*) AS n FROM ${STAGE}`))?.n ?? 0;
  return {
    columns,
    addressing: 'records',
    readerRejects: [],
    rows,
    headerLines: 0,
    segment: false,
  };
}
