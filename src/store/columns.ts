// Table columns derived from the entity schemas: SQL type per field kind. Migrations are written
// from this once (scripts/generate-entity-migration.ts) and a test checks they still agree.
import type { z } from 'zod';
import type { EntityDef } from '../schemas/index.js';
import { type FieldKind, type FieldMeta, fieldMeta, isRequired } from '../schemas/index.js';

export const SQL_TYPE: Record<FieldKind, string> = {
  text: 'VARCHAR',
  int: 'BIGINT',
  decimal: 'DOUBLE',
  bool: 'BOOLEAN',
  timestamp: 'TIMESTAMP',
  date: 'DATE',
  json: 'JSON',
  list: 'VARCHAR[]',
  enum: 'VARCHAR',
};

export interface ColumnSpec {
  name: string;
  meta: FieldMeta;
  required: boolean;
  sqlType: string;
}

export function entityColumns(entity: EntityDef): ColumnSpec[] {
  return Object.entries(entity.schema.shape).map(([name, schema]) => {
    const meta = fieldMeta(schema as z.ZodType);
    return { name, meta, required: isRequired(schema as z.ZodType), sqlType: SQL_TYPE[meta.kind] };
  });
}

export function createTableSql(entity: EntityDef): string {
  const cols = entityColumns(entity).map(
    (c) => `  ${quoteIdent(c.name)} ${c.sqlType}${c.required ? ' NOT NULL' : ''}`,
  );
  return `CREATE TABLE ${entity.table} (\n${cols.join(',\n')}\n);`;
}

/** Identifiers come from our own schemas, never from users; quoting guards keywords. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
