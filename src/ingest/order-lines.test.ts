import { describe, expect, it } from 'vitest';
import { ENTITIES } from '../schemas/index.js';
import { importFixture } from './import-fixture.test-helper.js';
import { importFiles } from './index.js';

const fx = importFixture('cx-lines-');
const file = fx.file;

const importLines = (paths: string[], extra: Partial<Parameters<typeof importFiles>[1]> = {}) =>
  importFiles(fx.store, {
    entity: ENTITIES.order,
    files: paths,
    source: 'shop',
    orderLines: true,
    ...extra,
  });

const orders = () =>
  fx.store.all<{ id: string; amount: number; email: string | null; customer: string | null }>(
    'SELECT source_id AS id, amount, customer_email AS email, customer_id AS customer FROM orders ORDER BY source_id',
  );

// Online Retail style: no amount column, one row per line
const RETAIL = `InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID
536365,85123A,6,2010-12-01 08:26:00,2.55,17850
536365,71053,6,2010-12-01 08:26:00,3.39,17850
536366,22633,2,2010-12-01 08:28:00,1.85,17850
C536379,D,-1,2010-12-01 09:41:00,27.5,14527
C536379,D2,-2,2010-12-01 09:41:00,1.25,14527
`;
const RETAIL_MAP = { InvoiceNo: 'source_id', InvoiceDate: 'placed_at' };

describe('--order-lines', () => {
  it('sums quantity × unit price per order; a cancellation stays negative', async () => {
    const s = await importLines([file('retail.csv', RETAIL)], { map: RETAIL_MAP });
    expect(s.totals).toMatchObject({ rowsRead: 5, inserted: 3, rejected: 0 });
    expect(s.orderLines).toEqual({ lines: 5, orders: 3 });
    expect(await orders()).toEqual([
      { id: '536365', amount: 35.64, email: null, customer: '17850' },
      { id: '536366', amount: 3.7, email: null, customer: '17850' },
      { id: 'C536379', amount: -30, email: null, customer: '14527' },
    ]);
  });

  it('maps quantity and unit price with --map too', async () => {
    const p = file('q.csv', 'order,order_date,n,each\nA,2026-01-01,2,1.5\nA,2026-01-01,1,4\n');
    await importLines([p], { map: { order: 'source_id', n: 'quantity', each: 'unit_price' } });
    expect((await orders()).map((o) => [o.id, o.amount])).toEqual([['A', 7]]);
  });

  it('sums an amount column, and takes order fields from the first line that has them', async () => {
    // Shopify style: order-level columns (Email, Total) on the first line only
    const p = file(
      'shopify.csv',
      `Name,Email,Created at,Total,Lineitem quantity,Lineitem price
#1001,a@x.com,2026-01-01T10:00:00Z,30.5,1,10
#1001,,2026-01-01T10:00:00Z,,2,10
#1002,,2026-01-02T10:00:00Z,,1,5
#1002,b@x.com,2026-01-02T10:00:00Z,12,1,7
`,
    );
    const s = await importLines([p], { map: { Name: 'source_id' } });
    expect(s.totals).toMatchObject({ rowsRead: 4, inserted: 2, rejected: 0 });
    expect(await orders()).toEqual([
      { id: '#1001', amount: 30.5, email: 'a@x.com', customer: null },
      { id: '#1002', amount: 12, email: 'b@x.com', customer: null },
    ]);
  });

  it('a bad line rejects every line of its order, naming the bad line; other orders load', async () => {
    const p = file(
      'bad.csv',
      `InvoiceNo,Quantity,InvoiceDate,UnitPrice
1,2,2026-01-01,1
2,1,2026-01-01,5
2,x,2026-01-01,5
2,3,2026-01-01,5
`,
    );
    const s = await importLines([p], { map: RETAIL_MAP });
    expect(s.totals).toMatchObject({ rowsRead: 4, inserted: 1, rejected: 3 });
    expect(s.rejects.map((r) => [r.line, r.code, r.reason])).toEqual([
      [3, 'INPUT_ORDER_INCOMPLETE', 'another line of order 2 was rejected (line 4)'],
      [4, 'INPUT_BAD_NUMBER', 'is not a number (expected a decimal such as 12.50)'],
      [5, 'INPUT_ORDER_INCOMPLETE', 'another line of order 2 was rejected (line 4)'],
    ]);
    expect((await orders()).map((o) => o.id)).toEqual(['1']);
  });

  it('an order none of whose lines has an amount is rejected', async () => {
    const p = file('na.csv', 'id,order_date,total\nA,2026-01-01,\nA,2026-01-01,\nB,2026-01-01,4\n');
    const s = await importLines([p]);
    expect(s.totals).toMatchObject({ inserted: 1, rejected: 2 });
    expect(s.rejects[0]).toMatchObject({ line: 2, code: 'INPUT_MISSING_VALUE', column: 'total' });
  });

  it('joins the lines of an order across the files of one import', async () => {
    const a = file(
      'a.csv',
      'InvoiceNo,Quantity,InvoiceDate,UnitPrice\n1,1,2026-01-01,2\n2,1,2026-01-01,3\n',
    );
    const b = file(
      'b.csv',
      'InvoiceNo,Quantity,InvoiceDate,UnitPrice\n1,1,2026-01-01,5\n2,z,2026-01-01,1\n',
    );
    const s = await importLines([a, b], { map: RETAIL_MAP });
    expect((await orders()).map((o) => [o.id, o.amount])).toEqual([['1', 7]]);
    expect(s.files.map((f) => [f.rowsRead, f.inserted, f.rejected])).toEqual([
      [2, 1, 1],
      [2, 0, 1],
    ]);
    expect(s.rejects.find((r) => r.file === a)).toMatchObject({
      code: 'INPUT_ORDER_INCOMPLETE',
      reason: `another line of order 2 was rejected (in ${b}) (record 2)`,
    });
  });

  it('re-importing the same lines changes nothing; changed lines update the total', async () => {
    const p = file('retail.csv', RETAIL);
    await importLines([p], { map: RETAIL_MAP });
    const again = await importLines([p], { map: RETAIL_MAP });
    expect(again.totals).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    const changed = file('retail2.csv', RETAIL.replace('536366,22633,2,', '536366,22633,3,'));
    const third = await importLines([changed], { map: RETAIL_MAP });
    expect(third.totals).toMatchObject({ inserted: 0, updated: 1, unchanged: 2 });
    expect((await orders()).find((o) => o.id === '536366')?.amount).toBeCloseTo(5.55);
  });

  it('is refused for other entities', async () => {
    const p = file('c.csv', 'id,email\n1,a@x.com\n');
    await expect(
      importFiles(fx.store, {
        entity: ENTITIES.customer,
        files: [p],
        source: 'crm',
        orderLines: true,
      }),
    ).rejects.toMatchObject({ code: 'INPUT_BAD_OPTION' });
  });

  it('needs an amount column, or both quantity and unit price', async () => {
    const p = file('m.csv', 'InvoiceNo,InvoiceDate,Quantity\n1,2026-01-01,2\n');
    await expect(importLines([p], { map: RETAIL_MAP })).rejects.toMatchObject({
      code: 'INPUT_MISSING_COLUMN',
      message: expect.stringContaining('found only quantity'),
    });
  });

  it('without --order-lines, the 2nd line of an order is still a duplicate', async () => {
    const p = file('d.csv', 'id,order_date,total\nA,2026-01-01,1\nA,2026-01-01,2\n');
    const s = await importLines([p], { orderLines: false });
    expect(s.rejects[0]).toMatchObject({ code: 'INPUT_DUPLICATE_KEY' });
    expect(s.orderLines).toBeUndefined();
  });
});
