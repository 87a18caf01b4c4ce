// Maps the columns of a source file to the fields of an entity: explicit --map first, then the
// mapping saved for this source, then names and aliases compared case/spacing-insensitively.
// Columns left over go to the entity's `attributes` JSON when it has one, so nothing is dropped.
import { InputError } from '../lib/errors.js';
import type { EntityDef } from '../schemas/index.js';
import { type ColumnSpec, entityColumns } from '../store/index.js';
import { isOptionColumn } from './constant-columns.js';

/** source column → entity field ('-' = ignore the column). */
export type ColumnMapping = Record<string, string>;

export interface ResolvedMapping {
  /** entity field → source column */
  fields: Map<string, string>;
  /** columns kept in `attributes` */
  extra: string[];
  /** columns ignored (entity without attributes, or mapped to '-') */
  ignored: string[];
}

/** Lower-case snake_case: accents dropped, camelCase split (`customerID` → `customer_id`). */
export function normaliseName(name: string): string {
  return flatName(
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2'),
  );
}

/** As normaliseName without the camelCase split (`UserID` → `userid`), tried after it. */
function flatName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** The file's column a --map names: exactly, else the one column that matches case/spacing-insensitively. */
function findColumn(columns: readonly string[], name: string): string | undefined {
  if (columns.includes(name)) return name;
  const norm = flatName(name);
  const found = columns.filter((c) => flatName(c) === norm);
  return found.length === 1 ? found[0] : undefined;
}

/** Parses `col=field` pairs from the command line. */
export function parseMapArgs(pairs: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const pair of pairs) {
    const eq = pair.lastIndexOf('=');
    if (eq <= 0) {
      throw new InputError(
        'INPUT_BAD_MAP',
        `--map "${pair}": expected column=field (or column=- to ignore it)`,
        {
          where: { field: pair },
        },
      );
    }
    mapping[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim() || '-';
  }
  return mapping;
}

/** Options of an import mode that maps more than the entity's fields (--order-lines). */
export interface MappingExtras {
  /** Inputs mapped like fields but not stored (an order line's quantity and unit price). */
  lineFields?: readonly ColumnSpec[];
  /** Required fields the mode may do without (checked by the mode itself). */
  notRequired?: readonly string[];
}

export function resolveMapping(
  entity: EntityDef,
  columns: readonly string[],
  explicit: ColumnMapping = {},
  saved: ColumnMapping = {},
  file = '',
  more: MappingExtras = {},
): ResolvedMapping {
  const specs = [
    ...entityColumns(entity).filter((c) => c.name !== 'source'),
    ...(more.lineFields ?? []),
  ];
  const known = new Set(specs.map((c) => c.name));
  const fields = new Map<string, string>();
  const ignored: string[] = [];
  const taken = new Set<string>();

  // --map columns resolved to the file's spelling; two columns for one field is an error.
  const mapped: [string, string][] = [];
  const mappedBy = new Map<string, string>();
  for (const [given, field] of Object.entries(explicit)) {
    if (field !== '-' && !known.has(field)) {
      throw new InputError(
        'INPUT_UNKNOWN_FIELD',
        `--map ${given}=${field}: "${field}" is not a field of ${entity.name} (expected one of ${[...known].join(', ')})`,
        { where: { field } },
      );
    }
    const column = findColumn(columns, given);
    if (column === undefined) {
      throw new InputError(
        'INPUT_UNKNOWN_COLUMN',
        `--map ${given}=${field}: ${file || 'the file'} has no column "${given}" (its columns: ${columns.join(', ')})`,
        { where: { file, column: given } },
      );
    }
    const other = mappedBy.get(field);
    if (field !== '-' && other !== undefined && findColumn(columns, other) !== column) {
      throw new InputError(
        'INPUT_BAD_MAP',
        `--map ${other}=${field} and --map ${given}=${field}: two columns ("${other}" and "${given}") map to the field "${field}" (map one of them, or the other to -)`,
        { where: { field } },
      );
    }
    mappedBy.set(field, given);
    mapped.push([column, field]);
  }

  const assign = (field: string, column: string) => {
    if (fields.has(field) || taken.has(column)) return;
    fields.set(field, column);
    taken.add(column);
  };
  for (const [column, field] of mapped) {
    if (field === '-') {
      if (!taken.has(column)) ignored.push(column);
      taken.add(column);
    } else assign(field, column);
  }
  for (const [column, field] of Object.entries(saved)) {
    if (columns.includes(column) && field !== '-' && known.has(field)) assign(field, column);
  }
  // By name, then by alias; each pass tries the camelCase-split name before the flat one, and a
  // last pass retries columns still unmatched without a leading `<entity>_` (order_status).
  // Columns matched exactly are taken first, so the retry never steals one (customer_id).
  const prefix = `${entity.name}_`;
  const namesOf = (column: string): string[] => [normaliseName(column), flatName(column)];
  const matchPass = (nameOf: (column: string) => string[]) => {
    const byNorm = new Map<string, string>();
    const free = columns.filter((c) => !taken.has(c));
    // Every column's split name before any flat one.
    for (const i of [0, 1]) {
      for (const column of free) {
        const n = nameOf(column)[i];
        if (n !== undefined && !byNorm.has(n)) byNorm.set(n, column);
      }
    }
    for (const spec of specs) {
      const direct = byNorm.get(spec.name);
      if (direct) assign(spec.name, direct);
    }
    for (const spec of specs) {
      for (const alias of spec.meta.aliases ?? []) {
        const column = byNorm.get(normaliseName(alias));
        if (column) assign(spec.name, column);
      }
    }
  };
  matchPass(namesOf);
  matchPass((column) =>
    namesOf(column).map((n) =>
      n.startsWith(prefix) && n.length > prefix.length ? n.slice(prefix.length) : '',
    ),
  );

  const hasAttributes = known.has('attributes') && !fields.has('attributes');
  const extra: string[] = [];
  for (const column of columns) {
    if (taken.has(column)) continue;
    if (hasAttributes) extra.push(column);
    else ignored.push(column);
  }

  const missing = specs
    .filter((c) => c.required && !fields.has(c.name) && !more.notRequired?.includes(c.name))
    .map((c) => c.name);
  if (missing.length > 0) {
    const only = columns.length === 1 ? (columns[0] ?? '') : '';
    const hint = /[;\t|,]/.test(only)
      ? ' — the header has one column: is the delimiter wrong? (use --delimiter)'
      : / {2,}/.test(only.trim())
        ? ' — the header has one column whose names are separated by runs of spaces: is the delimiter wrong? (use --delimiter whitespace)'
        : ` — map them with --map column=field, or fill them with --set field=value${missing.includes('source_id') ? ' (an id made from each row: --row-id)' : ''} (the file's columns: ${columns.filter((c) => !isOptionColumn(c)).join(', ')})`;
    throw new InputError(
      'INPUT_MISSING_COLUMN',
      `${file || 'input'}:1: no column for required field${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} of ${entity.name}${hint}`,
      { where: { file, line: 1, field: missing[0] } },
    );
  }
  return { fields, extra, ignored };
}

/** The mapping to save for the source: what was used, keyed by column. */
export function mappingToSave(resolved: ResolvedMapping): ColumnMapping {
  const out: ColumnMapping = {};
  // columns made by --set / --row-id are options of one import, not the source's columns
  for (const [field, column] of resolved.fields) if (!isOptionColumn(column)) out[column] = field;
  for (const column of resolved.ignored) out[column] = '-';
  return out;
}
