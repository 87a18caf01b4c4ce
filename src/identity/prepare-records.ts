// Builds identity_records: one row per customer record with the normalised fields the matcher
// compares. Names, phones and e-mails go through the TypeScript normalisers once per distinct raw
// value (lookup tables joined in SQL); addresses, postcodes and cities are folded in SQL (accents,
// case, punctuation). Then the customers known only from activity (activity-records.ts).
import type { Store } from '../store/index.js';
import { prepareActivityRecords } from './activity-records.js';
import { normaliseEmail } from './normalise-email.js';
import { normaliseFirstName, normaliseName } from './normalise-name.js';
import { normalisePhone } from './normalise-phone.js';
import { soundex } from './phonetic-key.js';

export interface PrepareOptions {
  /** Country for phone numbers written without "+", when the record has no 2-letter country. */
  defaultCountry?: string;
  /**
   * Only records without an identity link, plus customers that replace an activity-only record
   * (incremental runs); rids continue after the max.
   */
  onlyUnlinked?: boolean;
}

const FOLD = (col: string) =>
  `nullif(trim(regexp_replace(lower(strip_accents(${col})), '[^a-z0-9]+', ' ', 'g')), '')`;

/** Appends string rows to a table through the DuckDB Appender (nulls kept). */
export async function appendStrings(
  store: Store,
  table: string,
  rows: Iterable<readonly (string | null)[]>,
): Promise<void> {
  const appender = await store.conn.createAppender(table);
  for (const row of rows) {
    for (const v of row) {
      if (v === null) appender.appendNull();
      else appender.appendVarchar(v);
    }
    appender.endRow();
  }
  appender.closeSync();
}

/**
 * Maps a query's rows (varchar columns) to rows appended to `table`, one DuckDB chunk (2 048
 * rows) at a time: the distinct values of 1M records never sit in JS arrays all at once.
 */
async function mapInto(
  store: Store,
  sql: string,
  table: string,
  map: (row: (string | null)[]) => readonly (string | null)[],
): Promise<void> {
  const result = await store.conn.run(sql);
  const appender = await store.conn.createAppender(table);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const cols = chunk.getColumns();
    for (let i = 0; i < chunk.rowCount; i++) {
      const out = map(cols.map((c) => (c[i] === null ? null : String(c[i]))));
      for (const v of out) {
        if (v === null) appender.appendNull();
        else appender.appendVarchar(v);
      }
      appender.endRow();
    }
  }
  appender.closeSync();
}

/** The columns of identity_records after rid. */
const RECORD_COLUMNS = [
  'record_key',
  'source',
  'source_id',
  'user_id',
  'email',
  'phone',
  'first_name',
  'last_name',
  'birth_date',
  'address',
  'postcode',
  'city',
  'national_id',
  'first_initial',
  'last_key',
  'birth_year',
  'email_local',
  'phone_tail',
  'created_at',
] as const;

/**
 * Incremental runs: customers rows whose record came from activity only (every field but the
 * e-mail null) and now say more (a later customer import of that key). A cheap SQL pre-filter;
 * the re-prepared rows equal to the stored ones are dropped before anything is replaced.
 */
const SUPERSEDES_ACTIVITY_RECORD = `EXISTS (
  SELECT 1 FROM identity_records x WHERE x.source = c.source AND x.source_id = c.source_id
    AND x.user_id IS NULL AND x.phone IS NULL AND x.first_name IS NULL AND x.last_name IS NULL
    AND x.birth_date IS NULL AND x.address IS NULL AND x.postcode IS NULL AND x.city IS NULL
    AND x.national_id IS NULL
    AND (x.email IS DISTINCT FROM cx_norm_email(c.email) OR x.created_at IS DISTINCT FROM c.created_at
      OR coalesce(nullif(trim(c.user_id), ''), c.phone, c.first_name, c.last_name, c.birth_date::VARCHAR,
                  c.address, c.postcode, c.city, c.attributes->>'national_id') IS NOT NULL))`;

/**
 * Returns the number of records prepared: new ones, and on incremental runs also those
 * re-prepared from a customer row that replaced an activity-only record (same record_key, a new
 * rid above the old maximum so the run compares it like a new record).
 */
export async function prepareRecords(store: Store, options: PrepareOptions = {}): Promise<number> {
  const fresh = `NOT EXISTS (SELECT 1 FROM identity_links k WHERE k.source = c.source AND k.source_id = c.source_id)
         AND NOT EXISTS (SELECT 1 FROM identity_records x WHERE x.source = c.source AND x.source_id = c.source_id)`;
  const where = options.onlyUnlinked ? `((${fresh}) OR ${SUPERSEDES_ACTIVITY_RECORD})` : 'TRUE';
  if (!options.onlyUnlinked) await store.run('DELETE FROM identity_records');

  await store.run('CREATE OR REPLACE TEMP TABLE idn_first (raw VARCHAR, norm VARCHAR)');
  await store.run('CREATE OR REPLACE TEMP TABLE idn_last (raw VARCHAR, norm VARCHAR, k VARCHAR)');
  await store.run(
    'CREATE OR REPLACE TEMP TABLE idn_phone (raw VARCHAR, country VARCHAR, e164 VARCHAR)',
  );
  await store.run('CREATE OR REPLACE TEMP TABLE idn_email (raw VARCHAR, norm VARCHAR)');
  await mapInto(
    store,
    `SELECT DISTINCT c.email FROM customers c WHERE ${where} AND c.email IS NOT NULL`,
    'idn_email',
    ([v]) => [v ?? null, normaliseEmail(v as string)],
  );
  await mapInto(
    store,
    `SELECT DISTINCT c.first_name FROM customers c WHERE ${where} AND c.first_name IS NOT NULL`,
    'idn_first',
    ([v]) => [v ?? null, normaliseFirstName(v as string)],
  );
  await mapInto(
    store,
    `SELECT DISTINCT c.last_name FROM customers c WHERE ${where} AND c.last_name IS NOT NULL`,
    'idn_last',
    ([v]) => {
      const norm = normaliseName(v as string);
      return [v ?? null, norm, soundex(norm)];
    },
  );
  await mapInto(
    store,
    `SELECT DISTINCT c.phone, c.country FROM customers c WHERE ${where} AND c.phone IS NOT NULL`,
    'idn_phone',
    ([v, raw = null]) => {
      const country = raw && /^[A-Za-z]{2}$/.test(raw) ? raw : options.defaultCountry;
      return [v ?? null, raw, normalisePhone(v as string, { defaultCountry: country })];
    },
  );

  // Taken before any replaced record is deleted: new rids stay above the old maximum.
  const before = await store.one<{ next: number }>(
    'SELECT coalesce(max(rid) + 1, 0) AS next FROM identity_records',
  );
  const offset = Math.trunc(before?.next ?? 0);
  const records = `SELECT
      c.source || ':' || c.source_id AS record_key,
      c.source, c.source_id,
      nullif(trim(c.user_id), '') AS user_id,
      e.norm AS email,
      p.e164 AS phone,
      f.norm AS first_name,
      l.norm AS last_name,
      c.birth_date,
      ${FOLD('c.address')} AS address,
      nullif(regexp_replace(upper(c.postcode), '[^A-Z0-9]', '', 'g'), '') AS postcode,
      ${FOLD('c.city')} AS city,
      nullif(regexp_replace(upper(c.attributes->>'national_id'), '[^A-Z0-9]', '', 'g'), '') AS national_id,
      left(f.norm, 1) AS first_initial,
      l.k AS last_key,
      year(c.birth_date)::INTEGER AS birth_year,
      split_part(e.norm, '@', 1) AS email_local,
      right(p.e164, 6) AS phone_tail,
      c.created_at
    FROM customers c
      LEFT JOIN idn_first f ON f.raw = c.first_name
      LEFT JOIN idn_last l ON l.raw = c.last_name
      LEFT JOIN idn_phone p ON p.raw = c.phone AND p.country IS NOT DISTINCT FROM c.country
      LEFT JOIN idn_email e ON e.raw = c.email
    WHERE ${where}`;
  const numbered = (from: string) => `INSERT INTO identity_records
    SELECT (row_number() OVER (ORDER BY source, source_id) - 1 + ${offset})::INTEGER AS rid, *
    FROM ${from}`;
  if (options.onlyUnlinked) {
    await store.run(`CREATE OR REPLACE TEMP TABLE idn_stage AS ${records}`);
    const same = RECORD_COLUMNS.map((col) => `x.${col} IS NOT DISTINCT FROM s.${col}`).join(
      ' AND ',
    );
    await store.run(
      `DELETE FROM idn_stage s WHERE EXISTS (SELECT 1 FROM identity_records x WHERE x.record_key = s.record_key AND ${same})`,
    );
    await store.run(
      'DELETE FROM identity_records WHERE record_key IN (SELECT record_key FROM idn_stage)',
    );
    await store.run(numbered('idn_stage'));
  } else {
    await store.run(numbered(`(${records})`));
  }
  await store.run(
    'DROP TABLE IF EXISTS idn_first; DROP TABLE IF EXISTS idn_last; DROP TABLE IF EXISTS idn_phone; DROP TABLE IF EXISTS idn_email; DROP TABLE IF EXISTS idn_stage',
  );
  const customers = await store.one<{ n: number; next: number }>(
    `SELECT count(*)::INTEGER AS n, coalesce(max(rid) + 1, ${offset}) AS next FROM identity_records WHERE rid >= ${offset}`,
  );
  const activity = await prepareActivityRecords(
    store,
    Number(customers?.next ?? offset),
    options.onlyUnlinked === true,
  );
  return (customers?.n ?? 0) + activity;
}
