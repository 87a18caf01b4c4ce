// Maps the columns of a source file to the fields of an entity: explicit --map first, then the
// mapping saved for this source, then names and aliases compared case/spacing-insensitively.
// Columns left over go to the entity's `attributes` JSON when it has one, so nothing is dropped.
import { InputError } from '../lib/errors.js';
import type { EntityDef } from '../schemas/index.js';
import { entityColumns } from '../store/index.js';

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

export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
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

export function resolveMapping(
  entity: EntityDef,
  columns: readonly string[],
  explicit: ColumnMapping = {},
  saved: ColumnMapping = {},
  file = '',
): ResolvedMapping {
  const specs = entityColumns(entity).filter((c) => c.name !== 'source');
  const known = new Set(specs.map((c) => c.name));
  const fields = new Map<string, string>();
  const ignored: string[] = [];
  const taken = new Set<string>();

  for (const [column, field] of Object.entries(explicit)) {
    if (field !== '-' && !known.has(field)) {
      throw new InputError(
        'INPUT_UNKNOWN_FIELD',
        `--map ${column}=${field}: "${field}" is not a field of ${entity.name} (expected one of ${[...known].join(', ')})`,
        { where: { field } },
      );
    }
    if (!columns.includes(column)) {
      throw new InputError(
        'INPUT_UNKNOWN_COLUMN',
        `--map ${column}=${field}: ${file || 'the file'} has no column "${column}" (its columns: ${columns.join(', ')})`,
        { where: { file, column } },
      );
    }
  }

  const assign = (field: string, column: string) => {
    if (fields.has(field) || taken.has(column)) return;
    fields.set(field, column);
    taken.add(column);
  };
  for (const [column, field] of Object.entries(explicit)) {
    if (field === '-') {
      ignored.push(column);
      taken.add(column);
    } else assign(field, column);
  }
  for (const [column, field] of Object.entries(saved)) {
    if (columns.includes(column) && field !== '-' && known.has(field)) assign(field, column);
  }
  const byNorm = new Map(columns.map((c) => [normaliseName(c), c]));
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

  const hasAttributes = known.has('attributes') && !fields.has('attributes');
  const extra: string[] = [];
  for (const column of columns) {
    if (taken.has(column)) continue;
    if (hasAttributes) extra.push(column);
    else ignored.push(column);
  }

  const missing = specs.filter((c) => c.required && !fields.has(c.name)).map((c) => c.name);
  if (missing.length > 0) {
    const hint =
      columns.length === 1 && /[;\t|,]/.test(columns[0] ?? '')
        ? ' — the header has one column: is the delimiter wrong? (use --delimiter)'
        : ` — map them with --map column=field (the file's columns: ${columns.join(', ')})`;
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
  for (const [field, column] of resolved.fields) out[column] = field;
  for (const column of resolved.ignored) out[column] = '-';
  return out;
}
