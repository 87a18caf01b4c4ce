import { describe, expect, it } from 'vitest';
import { ENTITIES } from '../schemas/index.js';
import { importFixture } from './import-fixture.test-helper.js';
import { importFiles } from './index.js';
import { linesFromOrdinals } from './line-map.js';

const fx = importFixture('cx-nohdr-');
const file = fx.file;

const COLUMNS = ['customer_id', 'placed_at', 'quantity', 'amount'];
const importOrders = (path: string, extra: Partial<Parameters<typeof importFiles>[1]> = {}) =>
  importFiles(fx.store, {
    entity: ENTITIES.order,
    files: [path],
    source: 'cd',
    columns: COLUMNS,
    rowId: true,
    ...extra,
  });

describe('--columns: a CSV with no header row', () => {
  it('reads the first line as data and names rejects by their physical line', async () => {
    const s = await importOrders(
      file('o.csv', 'C1,2026-01-01,2,20.5\nC2,2026-01-03,1,x\nC1,2026-02-01,1,7\n'),
    );
    expect(s.totals).toMatchObject({ rowsRead: 3, inserted: 2, rejected: 1 });
    expect(s.rejects[0]).toMatchObject({ line: 2, column: 'amount', value: 'x' });
    const rows = await fx.store.all<{ c: string; a: number }>(
      'SELECT customer_id AS c, amount AS a FROM orders ORDER BY placed_at',
    );
    expect(rows).toEqual([
      { c: 'C1', a: 20.5 },
      { c: 'C1', a: 7 },
    ]);
  });

  it('finds the line of a reject after a value spanning lines (CRLF)', async () => {
    const s = await importOrders(
      file('o.csv', 'C1,2026-01-01,2,20.5\r\nC2,2026-01-03,1,"x\r\ny"\r\nC1,2026-02-01,1,bad\r\n'),
    );
    expect(s.rejects.map((r) => r.line)).toEqual([2, 4]);
  });

  it('refuses names that do not match the first record, repeated names, and non-CSV files', async () => {
    const p = file('o.csv', 'C1,2026-01-01,2,20.5\n');
    await expect(
      importOrders(p, { columns: ['customer_id', 'placed_at', 'amount'] }),
    ).rejects.toThrow(/first record has 4 fields but --columns names 3/);
    await expect(
      importOrders(p, { columns: ['customer_id', 'placed_at', 'amount', 'amount'] }),
    ).rejects.toMatchObject({ code: 'INPUT_BAD_COLUMNS' });
    await expect(importOrders(file('o.ndjson', '{"customer_id":"C1"}\n'))).rejects.toMatchObject({
      code: 'INPUT_BAD_COLUMNS',
    });
  });

  it('linesFromOrdinals counts from line 1 with no header', () => {
    expect([...linesFromOrdinals([0, 2], [2], 0)]).toEqual([
      [0, 1],
      [2, 4],
    ]);
    expect([...linesFromOrdinals([0], [])]).toEqual([[0, 2]]);
  });
});
