// Field builders for entity schemas. Each builder returns a zod schema registered with the
// metadata (kind, aliases, doc) that the store and the importer derive columns and casts from,
// so one definition drives validation, TS types, DDL and import mapping.
import { z } from 'zod';

export type FieldKind =
  | 'text'
  | 'int'
  | 'decimal'
  | 'bool'
  | 'timestamp'
  | 'date'
  | 'json'
  | 'list'
  | 'enum';

export interface FieldMeta {
  kind: FieldKind;
  doc: string;
  /** Other header names that map to this field on import (compared case/spacing-insensitively). */
  aliases?: readonly string[];
  values?: readonly string[];
}

export const fieldRegistry = z.registry<FieldMeta>();

interface Opts {
  aliases?: readonly string[];
}

function reg<T extends z.ZodType>(schema: T, meta: FieldMeta): T {
  fieldRegistry.add(schema, meta);
  return schema;
}

export const f = {
  text: (doc: string, o: Opts = {}) => reg(z.string(), { kind: 'text', doc, ...o }),
  int: (doc: string, o: Opts = {}) => reg(z.number().int(), { kind: 'int', doc, ...o }),
  decimal: (doc: string, o: Opts = {}) => reg(z.number(), { kind: 'decimal', doc, ...o }),
  bool: (doc: string, o: Opts = {}) => reg(z.boolean(), { kind: 'bool', doc, ...o }),
  timestamp: (doc: string, o: Opts = {}) => reg(z.date(), { kind: 'timestamp', doc, ...o }),
  date: (doc: string, o: Opts = {}) => reg(z.date(), { kind: 'date', doc, ...o }),
  json: (doc: string, o: Opts = {}) =>
    reg(z.record(z.string(), z.unknown()), { kind: 'json', doc, ...o }),
  list: (doc: string, o: Opts = {}) => reg(z.array(z.string()), { kind: 'list', doc, ...o }),
  enum: <const V extends readonly [string, ...string[]]>(values: V, doc: string, o: Opts = {}) =>
    reg(z.enum(values), { kind: 'enum', doc, values, ...o }),
};

/** The metadata of a field, looking through `.optional()` / `.nullable()` wrappers. */
export function fieldMeta(schema: z.ZodType): FieldMeta {
  let s: z.ZodType = schema;
  for (let i = 0; i < 4; i++) {
    const meta = fieldRegistry.get(s);
    if (meta) return meta;
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap() as z.ZodType;
    else break;
  }
  throw new Error(`schema field has no cxlens field metadata (kind ${schema.def.type})`);
}

export function isRequired(schema: z.ZodType): boolean {
  return !(schema instanceof z.ZodOptional || schema instanceof z.ZodNullable);
}
