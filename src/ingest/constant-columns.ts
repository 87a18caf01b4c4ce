// Fields a file lacks, given on the command line: `--set kind=nps` fills a field with one value on
// every row (a survey export that is all NPS), `--row-id` makes each row's id from its values (an
// export with no id column). Both become columns of the staged file, so they are cast, validated
// and rejected like any other column, and named in rejects as the option that made them.
import { InputError } from '../lib/errors.js';
import type { EntityDef } from '../schemas/index.js';
import { entityColumns, type Store } from '../store/index.js';
import type { ColumnMapping } from './mapping.js';
import { sqlIdent, sqlString } from './sql-text.js';
import { STAGE } from './stage.js';

/** Name of the staged column a `--set field=value` makes. */
export const setColumn = (field: string) => `--set ${field}`;
/** Name of the staged column `--row-id` makes. */
export const ROW_ID_COLUMN = '--row-id';
/** Columns made by options, not read from the file (never saved in the source's mapping). */
export const isOptionColumn = (column: string) => column.startsWith('--');

/** Parses `field=value` pairs of --set (a value may contain "="; an empty value is an error). */
export function parseSetArgs(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const field = eq > 0 ? pair.slice(0, eq).trim() : '';
    const value = eq > 0 ? pair.slice(eq + 1).trim() : '';
    if (field === '' || value === '') {
      throw new InputError('INPUT_BAD_SET', `--set "${pair}": expected field=value`, {
        where: { field: pair },
      });
    }
    if (out[field] !== undefined && out[field] !== value) {
      throw new InputError(
        'INPUT_BAD_SET',
        `--set ${field}=${out[field]} and --set ${field}=${value}: one value per field`,
        { where: { field } },
      );
    }
    out[field] = value;
  }
  return out;
}

/**
 * Refuses --set for a field the entity lacks (or `source`, which --source gives), and a field
 * both --set (or --row-id, for source_id) and a --map fill.
 */
export function checkOptionFields(
  entity: EntityDef,
  set: Readonly<Record<string, string>>,
  rowId: boolean,
  map: Readonly<ColumnMapping>,
): void {
  const known = entityColumns(entity)
    .map((c) => c.name)
    .filter((n) => n !== 'source');
  for (const field of Object.keys(set)) {
    if (!known.includes(field)) {
      throw new InputError(
        'INPUT_UNKNOWN_FIELD',
        `--set ${field}=…: "${field}" is not a field of ${entity.name} (expected one of ${known.join(', ')})`,
        { where: { field } },
      );
    }
  }
  const filled = new Map(Object.keys(set).map((f) => [f, `--set ${f}`]));
  if (rowId) {
    if (filled.has('source_id'))
      throw new InputError('INPUT_BAD_SET', '--row-id and --set source_id: choose one', {
        where: { field: 'source_id' },
      });
    filled.set('source_id', '--row-id');
  }
  for (const [column, field] of Object.entries(map)) {
    const by = filled.get(field);
    if (by !== undefined) {
      throw new InputError(
        'INPUT_BAD_SET',
        `${by} and --map ${column}=${field} both fill "${field}": keep one`,
        { where: { field } },
      );
    }
  }
}

/**
 * Adds the option columns to the staged file and returns its columns with them, and the mapping
 * that ties each to its field (merged before the user's --map, which names file columns).
 * A row id is the MD5 of the row's values (NULLs kept apart from empty strings), so re-importing
 * the same rows updates them rather than adding copies, whatever their order; the n-th repeat of
 * identical values in one file gets the suffix "-n".
 */
export async function addOptionColumns(
  store: Store,
  fileColumns: readonly string[],
  set: Readonly<Record<string, string>>,
  rowId: boolean,
): Promise<{ columns: string[]; map: ColumnMapping }> {
  const columns = [...fileColumns];
  const map: ColumnMapping = {};
  for (const [field, value] of Object.entries(set)) {
    const column = setColumn(field);
    await store.run(
      `ALTER TABLE ${STAGE} ADD COLUMN ${sqlIdent(column)} VARCHAR DEFAULT ${sqlString(value)}`,
    );
    columns.push(column);
    map[column] = field;
  }
  if (rowId) {
    const values = fileColumns.map((c) => `CAST(${sqlIdent(c)} AS VARCHAR)`).join(', ');
    await store.run(`ALTER TABLE ${STAGE} ADD COLUMN ${sqlIdent(ROW_ID_COLUMN)} VARCHAR`);
    // the n-th repeat of identical values gets "-n": repeated rows (two equal purchases on one
    // day) stay separate records, and the same file imported again gives the same ids
    await store.run(
      `UPDATE ${STAGE} SET ${sqlIdent(ROW_ID_COLUMN)} = t.h || CASE WHEN t.k > 1 THEN '-' || t.k ELSE '' END
       FROM (SELECT r, h, row_number() OVER (PARTITION BY h ORDER BY r) AS k FROM (
         SELECT rowid AS r, md5(CAST(to_json(list_value(${values})) AS VARCHAR)) AS h FROM ${STAGE})) t
       WHERE ${STAGE}.rowid = t.r`,
    );
    columns.push(ROW_ID_COLUMN);
    map[ROW_ID_COLUMN] = 'source_id';
  }
  return { columns, map };
}
