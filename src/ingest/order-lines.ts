// `--order-lines`: files with one row per order line (Shopify, WooCommerce, Online Retail). Each
// file's lines are validated like rows and kept in LINES; after the last file, the lines of each
// order id become one order (amount = Σ line amounts, other fields the first non-empty value in
// file order) and that is what is upserted. An order with a rejected line is not loaded at all,
// so a total is never silently partial.
import { InputError } from '../lib/errors.js';
import type { EntityDef } from '../schemas/index.js';
import { type ColumnSpec, entityColumns } from '../store/index.js';
import type { ResolvedMapping } from './mapping.js';
import { sqlIdent, sqlString } from './sql-text.js';
import { BAD, TYPED } from './validate.js';

/** Accepted lines of every file so far (typed columns + _rec, _file, _line_amount). */
export const LINES = '_cx_lines';
/** Order ids with a rejected line, and the file of that line (to reject lines of later files). */
export const BAD_ORDERS = '_cx_bad_orders';
export const INCOMPLETE = 'INPUT_ORDER_INCOMPLETE';

// Inputs of a line's amount, not fields of an order: mapped like fields (by name, alias or --map)
// only in this mode, and never stored.
export const LINE_FIELDS: readonly ColumnSpec[] = [
  {
    name: 'quantity',
    meta: {
      kind: 'decimal',
      doc: 'Units on the order line.',
      aliases: ['qty', 'lineitem_quantity', 'item_quantity', 'quantity_ordered', 'units'],
    },
    required: false,
    sqlType: 'DOUBLE',
  },
  {
    name: 'unit_price',
    meta: {
      kind: 'decimal',
      doc: 'Price of one unit on the order line.',
      aliases: ['unitprice', 'price', 'item_price', 'lineitem_price', 'price_each', 'unit_cost'],
    },
    required: false,
    sqlType: 'DOUBLE',
  },
];

export function checkOrderLinesEntity(entity: EntityDef): void {
  if (entity.name !== 'order') {
    throw new InputError(
      'INPUT_BAD_OPTION',
      `--order-lines: only for order files (one row per order line), not ${entity.name}`,
      { where: { field: 'order-lines' } },
    );
  }
}

/**
 * The SQL of a typed line's amount: the file's amount column when mapped (a line without one adds
 * nothing: Shopify writes Total on the first line only), else quantity × unit_price.
 */
export function lineAmountSql(
  resolved: ResolvedMapping,
  columns: readonly string[],
  file: string,
): string {
  if (resolved.fields.has('amount')) {
    // quantity and price are then unused: ignored, so a bad one rejects nothing
    for (const f of LINE_FIELDS) {
      const column = resolved.fields.get(f.name);
      if (column === undefined) continue;
      resolved.fields.delete(f.name);
      resolved.ignored.push(column);
    }
    return 'amount';
  }
  if (resolved.fields.has('quantity') && resolved.fields.has('unit_price'))
    return 'quantity * unit_price';
  const has = ['quantity', 'unit_price'].filter((f) => resolved.fields.has(f));
  throw new InputError(
    'INPUT_MISSING_COLUMN',
    `${file}:1: --order-lines needs an amount column per line, or both a quantity and a unit price column${has.length === 1 ? ` (found only ${has[0]})` : ''} — map them with --map column=amount, or --map column=quantity and --map column=unit_price (the file's columns: ${columns.join(', ')})`,
    { where: { file, line: 1, field: 'amount' } },
  );
}

/**
 * The columns of one line in the typed table: the order's, then the line-only ones. The order's
 * required fields but its id may be empty on a line (Shopify fills order-level columns on the
 * first line only): orderMissingSql rejects an order none of whose lines has one.
 */
export function lineSpecs(entity: EntityDef, resolved: ResolvedMapping): ColumnSpec[] {
  return [
    ...entityColumns(entity).map((s) =>
      s.required && s.name !== 'source' && s.name !== 'source_id' ? { ...s, required: false } : s,
    ),
    // required on every line when they make its amount
    ...LINE_FIELDS.map((s) => ({ ...s, required: resolved.fields.has(s.name) })),
  ];
}

/** Rejects the lines of an order none of whose lines in this file has a required field. */
export function orderMissingSql(entity: EntityDef, resolved: ResolvedMapping): string[] {
  return entityColumns(entity)
    .filter((s) => s.required && s.name !== 'source' && s.name !== 'source_id')
    .flatMap((s) => {
      const column = resolved.fields.get(s.name);
      if (column === undefined) return [];
      const c = sqlIdent(s.name);
      return [
        `INSERT INTO ${BAD} SELECT t._rec, ${sqlString(column)}, NULL, 'INPUT_MISSING_VALUE', 'no line of order ' || t.source_id || ' has a value (one is required)', CAST(NULL AS BIGINT) FROM ${TYPED} t WHERE t.source_id IN (SELECT source_id FROM ${TYPED} GROUP BY source_id HAVING count(${c}) = 0) AND t._rec NOT IN (SELECT rec FROM ${BAD})`,
      ];
    });
}

/**
 * Rejects the good lines of orders that have a bad line: in this file (first_rec = the first bad
 * line, so the reason can name it) and from an earlier file of the import.
 */
export function siblingRejectsSql(keyColumn: string): string[] {
  const bad = `(t._bad OR t._rec IN (SELECT rec FROM ${BAD}))`;
  const reject = (first: string, reason: string) =>
    `SELECT t._rec, ${sqlString(keyColumn)}, left(t.source_id, 200), '${INCOMPLETE}', ${reason}, ${first}`;
  return [
    `INSERT INTO ${BAD} ${reject('b.first_rec', `'another line of order ' || t.source_id || ' was rejected'`)} FROM ${TYPED} t JOIN (SELECT t.source_id, min(t._rec) AS first_rec FROM ${TYPED} t WHERE ${bad} AND t.source_id IS NOT NULL GROUP BY 1) b ON t.source_id = b.source_id WHERE NOT ${bad}`,
    `INSERT INTO ${BAD} ${reject('CAST(NULL AS BIGINT)', `'another line of order ' || t.source_id || ' was rejected (in ' || b.file || ')'`)} FROM ${TYPED} t JOIN (SELECT source_id, min(file) AS file FROM ${BAD_ORDERS} GROUP BY 1) b ON t.source_id = b.source_id WHERE NOT ${bad}`,
  ];
}

/** Order ids of this file with a rejected line. */
export function badOrdersSql(file: string): string {
  return `INSERT INTO ${BAD_ORDERS} SELECT DISTINCT source_id, ${sqlString(file)} FROM ${TYPED} WHERE source_id IS NOT NULL AND (_bad OR _rec IN (SELECT rec FROM ${BAD}))`;
}

/** Appends this file's accepted lines to LINES (made by the first file). */
export function keepLinesSql(
  specs: readonly ColumnSpec[],
  fileIndex: number,
  amount: string,
): string {
  const cols = specs.map((s) => sqlIdent(s.name)).join(', ');
  const select = `SELECT ${cols}, _rec, ${fileIndex} AS _file, CAST(${amount} AS DOUBLE) AS _line_amount FROM ${TYPED} WHERE NOT _bad AND _rec NOT IN (SELECT rec FROM ${BAD})`;
  return fileIndex === 0
    ? `CREATE TEMP TABLE ${LINES} AS ${select}`
    : `INSERT INTO ${LINES} ${select}`;
}

/**
 * Lines of this file's bad orders that an earlier file of the import already accepted: dropped
 * from LINES and returned, to be reported as rejects of their own file.
 */
export function earlierSiblingsSql(fileIndex: number, file: string): string {
  return `SELECT l._file AS file_index, l._rec AS rec, l.source_id AS id, ${sqlString(file)} AS bad_file FROM ${LINES} l WHERE l._file < ${fileIndex} AND l.source_id IN (SELECT source_id FROM ${BAD_ORDERS} WHERE file = ${sqlString(file)})`;
}

/**
 * The typed table of orders made from LINES: the amount summed as DECIMAL (exact, so the same
 * lines always give the same total and a re-import is "unchanged"), every other field the first
 * non-empty value in file order; _file is the file of the order's first line (for the counts).
 */
export function collapseSql(entity: EntityDef): string {
  const seq = '(_file * 1099511627776 + _rec)';
  const cols = entityColumns(entity).map((s) => {
    const c = sqlIdent(s.name);
    if (s.name === 'source' || s.name === 'source_id') return c;
    if (s.name === 'amount')
      return `CAST(sum(CAST(_line_amount AS DECIMAL(38, 6))) AS DOUBLE) AS amount`;
    return `arg_min(${c}, ${seq}) FILTER (WHERE ${c} IS NOT NULL) AS ${c}`;
  });
  return `CREATE TEMP TABLE ${TYPED} AS SELECT ${cols.join(', ')}, min(${seq}) AS _rec, arg_min(_file, ${seq}) AS _file, count(*) AS _lines, false AS _bad FROM ${LINES} GROUP BY source, source_id`;
}
