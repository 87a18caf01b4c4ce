// Loads FEBRL data sets (../shared/datasets/febrl, read in place) into a store as customer
// records, without rec_id: given_name → first_name, surname → last_name, street_number +
// address_1 → address, suburb → city, postcode, date_of_birth → birth_date, soc_sec_id →
// attributes.national_id; address_2 and state are kept in attributes (not compared).
// Returns the true entity per record key, read from rec_id (rec-N-org / rec-N-dup-k → N).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { Store } from '../../src/store/index.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FEBRL_DIR = path.resolve(REPO_ROOT, '../shared/datasets', 'febrl');

export interface FebrlRecord {
  recordKey: string;
  entity: string;
}

export async function loadFebrl(
  store: Store,
  file: string,
  source: string,
): Promise<FebrlRecord[]> {
  const text = readFileSync(path.join(FEBRL_DIR, file), 'utf8');
  const rows = parse(text, {
    columns: (h: string[]) => h.map((x) => x.trim()),
    trim: true,
  }) as Record<string, string>[];
  await store.run(`CREATE OR REPLACE TEMP TABLE febrl_stage (
    source_id VARCHAR, first_name VARCHAR, last_name VARCHAR, address VARCHAR, city VARCHAR,
    postcode VARCHAR, dob VARCHAR, attributes VARCHAR)`);
  const appender = await store.conn.createAppender('febrl_stage');
  const truth: FebrlRecord[] = [];
  rows.forEach((row, i) => {
    const sourceId = `r${i}`;
    const entity = /^rec-(\d+)-/.exec(row.rec_id ?? '')?.[1];
    if (entity === undefined)
      throw new Error(`${file}:${i + 2}: rec_id "${row.rec_id}" has no entity number`);
    truth.push({ recordKey: `${source}:${sourceId}`, entity });
    const v = (x: string | undefined) => (x && x.trim() !== '' ? x.trim() : null);
    const address = [v(row.street_number), v(row.address_1)].filter((x) => x !== null).join(' ');
    const values = [
      sourceId,
      v(row.given_name),
      v(row.surname),
      address === '' ? null : address,
      v(row.suburb),
      v(row.postcode),
      v(row.date_of_birth),
      JSON.stringify({
        national_id: v(row.soc_sec_id),
        address_2: v(row.address_2),
        state: v(row.state),
      }),
    ];
    for (const x of values) {
      if (x === null) appender.appendNull();
      else appender.appendVarchar(x);
    }
    appender.endRow();
  });
  appender.closeSync();
  await store.run(
    `INSERT INTO customers (source, source_id, first_name, last_name, address, city, postcode, birth_date, country, attributes)
     SELECT ?, source_id, first_name, last_name, address, city, postcode,
       try_strptime(dob, '%Y%m%d')::DATE, 'AU', attributes::JSON
     FROM febrl_stage`,
    [source],
  );
  await store.run('DROP TABLE febrl_stage');
  return truth;
}
