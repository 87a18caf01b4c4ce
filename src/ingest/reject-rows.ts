// Rejected rows of an import: placed on their file's lines (or records), and stored for
// `cxlens rejects` and the API.
import type { Store } from '../store/index.js';
import { countLines, linesByParsing, linesFromOrdinals } from './line-map.js';
import { INCOMPLETE } from './order-lines.js';
import type { StagedFile } from './stage.js';

/** One rejected row, as reported and stored: where it is, which value, and why. */
export interface RejectRow {
  file: string;
  line: number | null;
  column: string | null;
  value: string | null;
  code: string;
  reason: string;
}

/** A reject found in SQL: the record's ordinal (and the first record it repeats, if any). */
export type BadRow = {
  rec: number;
  col: string;
  value: string | null;
  code: string;
  reason: string;
  first_rec: number | null;
};

/**
 * Places each reject on its file's line (CSV: by counting, or by parsing where values span lines;
 * NDJSON: the record's line; JSON arrays and Parquet: the record number), merged with the rows
 * the reader itself refused, in line order.
 */
export async function locateRejects(
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

/** Stores an import's rejects (the reject table's rows of import `importId`). */
export async function storeRejects(
  store: Store,
  importId: string,
  of: { entity: string; source: string },
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
    [importId, of.entity, of.source],
  );
  await store.run('DROP TABLE _cx_rej');
}
