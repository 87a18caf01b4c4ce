// SQL that turns a staged VARCHAR value into its typed column, and SQL that says why a value is
// rejected. Values come from files, so every cast is a TRY_CAST and every failure has a reason.
import { InputError } from '../lib/errors.js';
import { enumSynonyms, type FieldKind } from '../schemas/index.js';
import { type ColumnSpec, Store } from '../store/index.js';

export const MAX_TEXT_CHARS = 65_536;

export interface CastOptions {
  /** strptime format for dates that are not ISO 8601 or epoch (e.g. %d/%m/%Y). */
  dateFormat?: string;
}

// Identifier fields (source_id, customer_id, partner_id …): a whole number written as a float
// ("17850.0", as spreadsheets and pandas export an id column with gaps) is the number itself,
// so the same customer's id matches across exports.
const ID_FIELD = /(^|_)id$/;
// (the regex only runs on values with a dot: every row of a file passes through here)
const idSql = (v: string) =>
  `CASE WHEN contains(${v}, '.') THEN regexp_replace(${v}, '^(-?[0-9]+)\\.0+$', '\\1') ELSE ${v} END`;

const TRUE_WORDS = "('true','t','yes','y','1')";
const FALSE_WORDS = "('false','f','no','n','0')";

/**
 * Fails with INPUT_BAD_OPTION unless DuckDB's strptime accepts `format`. Call it once before
 * staging: the cast SQL embeds the format, and a bad one would otherwise fail the import's query
 * as STORE_QUERY_FAILED. A format without any % directive would reject every date, so it fails
 * too. Asks a scratch in-memory database, so bad input never opens (or creates) the store.
 */
export async function checkDateFormat(format: string): Promise<void> {
  const fail = (cause?: unknown) =>
    new InputError(
      'INPUT_BAD_OPTION',
      `--date-format "${format}": not a strptime format (e.g. %d/%m/%Y)`,
      { where: { field: 'date-format' }, ...(cause === undefined ? {} : { cause }) },
    );
  if (!/%[^%]/.test(format.replaceAll('%%', ''))) throw fail();
  const scratch = await Store.open(':memory:', { skipMigrations: true, threads: 1 });
  try {
    await scratch.all('SELECT try_strptime(CAST(NULL AS VARCHAR), ?) AS t', [format]);
  } catch (cause) {
    throw fail(cause);
  } finally {
    scratch.close();
  }
}

function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** `v` is an SQL expression of type VARCHAR (already trimmed, '' turned into NULL). */
export function castSql(
  kind: FieldKind,
  v: string,
  spec: ColumnSpec,
  options: CastOptions = {},
): string {
  switch (kind) {
    case 'text':
      return ID_FIELD.test(spec.name) ? idSql(v) : v;
    case 'int':
      return `TRY_CAST(${v} AS BIGINT)`;
    case 'decimal':
      return `TRY_CAST(${v} AS DOUBLE)`;
    case 'bool':
      return `CASE WHEN lower(${v}) IN ${TRUE_WORDS} THEN true WHEN lower(${v}) IN ${FALSE_WORDS} THEN false END`;
    case 'timestamp':
      return timestampSql(v, options);
    case 'date':
      return `CAST(${timestampSql(v, options)} AS DATE)`;
    case 'json':
      return `CASE WHEN json_valid(${v}) THEN CAST(${v} AS JSON) END`;
    case 'list':
      return `CASE WHEN ${v} IS NOT NULL THEN list_filter(regexp_split_to_array(${v}, '\\s*[;|]\\s*'), x -> x <> '') END`;
    case 'enum':
      return enumSql(v, spec.meta.values ?? []);
  }
}

/** How enum words are compared: ignoring case, spaces, underscores and hyphens. */
function enumKey(word: string): string {
  return word.toLowerCase().replace(/[\s_-]+/g, '');
}

// A value or one of its synonyms (entities.ts) becomes the canonical value; anything else NULL.
function enumSql(v: string, values: readonly string[]): string {
  const words = new Map<string, string>();
  for (const value of values) words.set(enumKey(value), value);
  for (const [word, value] of Object.entries(enumSynonyms(values)))
    if (!words.has(enumKey(word))) words.set(enumKey(word), value);
  const whens = [...words].map(([key, value]) => `WHEN ${sqlString(key)} THEN ${sqlString(value)}`);
  return `CASE regexp_replace(lower(${v}), '[\\s_-]+', '', 'g') ${whens.join(' ')} END`;
}

/** The INPUT_BAD_VALUE reason: every allowed value, short enough for the import summary's table. */
function enumReason(values: readonly string[]): string {
  return `expected ${values.join('/')}`;
}

// Fast path first: a plain TIMESTAMP cast handles ISO 8601 with "Z" or no zone. Values with an
// explicit offset after a time (+HH, +HHMM, +HH:MM) go through TIMESTAMPTZ (a plain cast would drop
// the offset) and come back as UTC through epoch_us, whatever the session's TimeZone; ISO 8601
// basic dates (YYYYMMDD, YYYYMMDDTHHMMSS[Z]) and epoch seconds and milliseconds are tried only for
// what is left (COALESCE evaluates lazily).
function timestampSql(v: string, options: CastOptions): string {
  const custom = options.dateFormat
    ? `CAST(try_strptime(${v}, ${sqlString(options.dateFormat)}) AS TIMESTAMP), `
    : '';
  const offset = `regexp_matches(${v}, '[0-9]:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)?[+-][0-9]{2}(:?[0-9]{2})?$')`;
  const basic = `CASE WHEN regexp_full_match(${v}, '[0-9]{8}') THEN CAST(try_strptime(${v}, '%Y%m%d') AS TIMESTAMP) WHEN regexp_full_match(${v}, '[0-9]{8}T[0-9]{6}Z?') THEN CAST(try_strptime(rtrim(${v}, 'Z'), '%Y%m%dT%H%M%S') AS TIMESTAMP) END`;
  const epoch = `CASE WHEN regexp_full_match(${v}, '-?[0-9]{9,10}') THEN make_timestamp(CAST(${v} AS BIGINT) * 1000000) WHEN regexp_full_match(${v}, '[0-9]{12,13}') THEN epoch_ms(CAST(${v} AS BIGINT)) END`;
  return `CASE WHEN ${offset} THEN make_timestamp(epoch_us(TRY_CAST(${v} AS TIMESTAMPTZ))) ELSE coalesce(${custom}TRY_CAST(${v} AS TIMESTAMP), ${basic}, ${epoch}) END`;
}

/** SQL boolean over the raw value `v` and its cast `t`: true when the row must be rejected. */
export function badSql(spec: ColumnSpec, v: string, t: string): string {
  const conds: string[] = [];
  if (spec.required) conds.push(`${t} IS NULL`);
  const kind = spec.meta.kind;
  if (kind === 'text' || kind === 'list') conds.push(`length(${v}) > ${MAX_TEXT_CHARS}`);
  else if (!spec.required) conds.push(`(${v} IS NOT NULL AND ${t} IS NULL)`);
  if (kind === 'timestamp' || kind === 'date')
    conds.push(`${t} NOT BETWEEN DATE '1900-01-01' AND DATE '2200-01-01'`);
  return conds.length === 0 ? 'false' : `coalesce(${conds.join(' OR ')}, false)`;
}

export interface RejectRule {
  code: string;
  /** SQL boolean: the value is rejected */
  when: string;
  /** SQL VARCHAR: why (after the value) */
  reason: string;
}

/** Rules in priority order; the first that matches names the row's reason for this column. */
export function rejectRules(spec: ColumnSpec, v: string, options: CastOptions = {}): RejectRule[] {
  const rules: RejectRule[] = [];
  if (spec.required) {
    rules.push({
      code: 'INPUT_MISSING_VALUE',
      when: `${v} IS NULL`,
      reason: sqlString('is empty (a value is required)'),
    });
  }
  const cast = castSql(spec.meta.kind, v, spec, options);
  const expected: Record<FieldKind, string> = {
    text: '',
    int: 'is not a whole number (expected digits such as 3)',
    decimal: 'is not a number (expected a decimal such as 12.50)',
    bool: 'is not a yes/no value (expected true/false, yes/no or 1/0)',
    timestamp: `is not a date-time (expected ISO 8601 such as 2026-05-03T14:22:05Z or 20260503T142205Z, epoch seconds or milliseconds${options.dateFormat ? `, or ${options.dateFormat}` : ''})`,
    date: `is not a date (expected ISO 8601 such as 2026-05-03 or 20260503${options.dateFormat ? `, or ${options.dateFormat}` : ''})`,
    json: 'is not valid JSON',
    list: '',
    enum: enumReason(spec.meta.values ?? []),
  };
  const codes: Record<FieldKind, string> = {
    text: 'INPUT_FIELD_TOO_LONG',
    int: 'INPUT_BAD_INTEGER',
    decimal: 'INPUT_BAD_NUMBER',
    bool: 'INPUT_BAD_BOOLEAN',
    timestamp: 'INPUT_BAD_DATE',
    date: 'INPUT_BAD_DATE',
    json: 'INPUT_BAD_JSON',
    list: 'INPUT_FIELD_TOO_LONG',
    enum: 'INPUT_BAD_VALUE',
  };
  if (spec.meta.kind === 'text' || spec.meta.kind === 'list') {
    rules.push({
      code: 'INPUT_FIELD_TOO_LONG',
      when: `length(${v}) > ${MAX_TEXT_CHARS}`,
      reason: `'is ' || length(${v}) || ' characters long (at most ${MAX_TEXT_CHARS})'`,
    });
  } else {
    rules.push({
      code: codes[spec.meta.kind],
      when: `${v} IS NOT NULL AND (${cast}) IS NULL`,
      reason: sqlString(expected[spec.meta.kind]),
    });
  }
  if (spec.meta.kind === 'timestamp' || spec.meta.kind === 'date') {
    rules.push({
      code: 'INPUT_BAD_DATE',
      when: `(${cast}) NOT BETWEEN DATE '1900-01-01' AND DATE '2200-01-01'`,
      reason: sqlString('is outside 1900–2200 (a wrong unit or format?)'),
    });
  }
  return rules;
}
