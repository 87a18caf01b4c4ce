// Builds identity_records: one row per customer record with the normalised fields the matcher
// compares. Names, phones and e-mails go through the TypeScript normalisers once per distinct raw
// value (lookup tables joined in SQL); addresses, postcodes and cities are folded in SQL (accents,
// case, punctuation).
import type { Store } from '../store/index.js';
import { normaliseEmail } from './normalise-email.js';
import { normaliseFirstName, normaliseName } from './normalise-name.js';
import { normalisePhone } from './normalise-phone.js';
import { soundex } from './phonetic-key.js';

export interface PrepareOptions {
  /** Country for phone numbers written without "+", when the record has no 2-letter country. */
  defaultCountry?: string;
  /** Only customers without an identity link (incremental runs); rids continue after the max. */
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

/** Returns the number of records added. */
export async function prepareRecords(store: Store, options: PrepareOptions = {}): Promise<number> {
  const where = options.onlyUnlinked
    ? `NOT EXISTS (SELECT 1 FROM identity_links k WHERE k.source = c.source AND k.source_id = c.source_id)
         AND NOT EXISTS (SELECT 1 FROM identity_records x WHERE x.source = c.source AND x.source_id = c.source_id)`
    : 'TRUE';
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

  const before = await store.one<{ n: number; next: number }>(
    'SELECT count(*) AS n, coalesce(max(rid) + 1, 0) AS next FROM identity_records',
  );
  const offset = before?.next ?? 0;
  await store.run(`
    INSERT INTO identity_records
    SELECT
      (row_number() OVER (ORDER BY c.source, c.source_id) - 1 + ${Math.trunc(offset)})::INTEGER AS rid,
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
    WHERE ${where}`);
  const after = await store.one<{ n: number }>('SELECT count(*) AS n FROM identity_records');
  await store.run(
    'DROP TABLE IF EXISTS idn_first; DROP TABLE IF EXISTS idn_last; DROP TABLE IF EXISTS idn_phone; DROP TABLE IF EXISTS idn_email',
  );
  return (after?.n ?? 0) - (before?.n ?? 0);
}
