// Staging JSON records: the columns come from every record (not a sample), and a line that is
// not a JSON object is reported as such, with its line.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENTITIES } from '../schemas/index.js';
import { Store } from '../store/index.js';
import { importFiles } from './index.js';
import { stageFile } from './stage.js';

let dir: string;
let store: Store;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cx-stage-'));
  store = await Store.open(':memory:');
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** 3 000 customers; `city` first appears on line 2 600 and `vip` (no such field) on 2 800. */
function lateFieldsFile(): string {
  const lines: string[] = [];
  for (let i = 1; i <= 3000; i++) {
    const rec: Record<string, unknown> = { id: `C${i}`, email: `c${i}@example.com` };
    if (i === 2600) rec.city = 'Lyon';
    if (i === 2800) rec.vip = true;
    lines.push(JSON.stringify(rec));
  }
  const path = join(dir, 'customers.ndjson');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('stageFile (JSON records)', () => {
  it('takes the columns from every record, not the first ones only', async () => {
    const staged = await stageFile(store, lateFieldsFile(), { format: 'ndjson' });
    expect(staged.columns).toEqual(['city', 'email', 'id', 'vip']);
    expect(staged.rows).toBe(3000);
  });

  it('imports a late field into its column, and an unknown late one into attributes', async () => {
    const summary = await importFiles(store, {
      entity: ENTITIES.customer,
      files: [lateFieldsFile()],
      source: 'shop',
    });
    expect(summary.totals).toMatchObject({ rowsRead: 3000, inserted: 3000, rejected: 0 });
    expect(summary.files[0]?.extraColumns).toEqual(['vip']);
    const rows = await store.all<{ source_id: string; city: string | null; vip: string | null }>(
      `SELECT source_id, city, json_extract_string(attributes, '$.vip') AS vip FROM customers
       WHERE source_id IN ('C2600', 'C2800') ORDER BY source_id`,
    );
    expect(rows).toEqual([
      { source_id: 'C2600', city: 'Lyon', vip: null },
      { source_id: 'C2800', city: null, vip: 'true' },
    ]);
  });

  it('rejects an array or a scalar line as not a JSON object, with its line', async () => {
    const path = join(dir, 'mixed.ndjson');
    writeFileSync(
      path,
      '{"id":"C1","email":"a@x.com"}\n[1,2]\n  ["C3"]\n42\n{"id":"C5","email":"e@x.com"}\n',
    );
    const summary = await importFiles(store, {
      entity: ENTITIES.customer,
      files: [path],
      source: 'shop',
    });
    expect(summary.totals).toMatchObject({ inserted: 2, rejected: 3 });
    expect(summary.rejects.map((r) => [r.line, r.code, r.reason, r.value])).toEqual([
      [2, 'INPUT_BAD_JSON', 'is not a JSON object', '[1,2]'],
      [3, 'INPUT_BAD_JSON', 'is not a JSON object', '  ["C3"]'],
      [4, 'INPUT_BAD_JSON', 'is not a JSON object', '42'],
    ]);
  });

  it('rejects an array inside a JSON array file as a record that is not an object', async () => {
    const path = join(dir, 'customers.json');
    writeFileSync(path, '[{"id":"C1","email":"a@x.com"}, [1,2], {"id":"C3"}]');
    const staged = await stageFile(store, path, { format: 'json' });
    expect(staged.columns).toEqual(['email', 'id']);
    expect(staged.readerRejects.map((r) => [r.line, r.code, r.reason])).toEqual([
      [null, 'INPUT_BAD_JSON', 'record 2 is not a JSON object'],
    ]);
  });
});

describe('stageFile (gzip CSV)', () => {
  it('imports a .csv.gz end to end: header from the decompressed text, rejects on their lines', async () => {
    const path = join(dir, 'cust.csv.gz');
    writeFileSync(
      path,
      gzipSync(
        'Order ID;Customer ID;Order Date;Total\nO1;C1;2026-01-01;10\nO2;C2;2026-01-02;bad\nO3;C3;2026-01-03;30\n',
      ),
    );
    const s = await importFiles(store, { entity: ENTITIES.order, files: [path], source: 'shop' });
    expect(s.totals).toMatchObject({ inserted: 2, rejected: 1 });
    expect(s.rejects.map((r) => [r.line, r.column, r.code])).toEqual([
      [3, 'Total', 'INPUT_BAD_NUMBER'],
    ]);
    expect(await store.all('SELECT source_id, amount FROM orders ORDER BY 1')).toEqual([
      { source_id: 'O1', amount: 10 },
      { source_id: 'O3', amount: 30 },
    ]);
  });
});
