import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENTITIES } from '../schemas/index.js';
import { importFixture } from './import-fixture.test-helper.js';
import { importFiles } from './index.js';

const fx = importFixture('cx-import-');
const file = fx.file;

const ORDERS_HEADER = 'Order ID,Customer ID,Order Date,Total,Status\n';

async function importOrders(path: string, extra: Partial<Parameters<typeof importFiles>[1]> = {}) {
  return importFiles(fx.store, { entity: ENTITIES.order, files: [path], source: 'shop', ...extra });
}

describe('importFiles — good input', () => {
  it('maps headers by name and alias, loads typed rows, keeps extra columns as attributes', async () => {
    const p = file(
      'crm.csv',
      'Customer ID,First Name,Surname,E-Mail,DOB,Signup Date,Segment\nC1,Ann,Lee,ann@x.com,1980-02-03,2024-01-05T10:00:00Z,gold\nC2,Bo,Ng,,1990-12-31,1700000000,silver\n',
    );
    const s = await importFiles(fx.store, { entity: ENTITIES.customer, files: [p], source: 'crm' });
    expect(s.totals).toMatchObject({ rowsRead: 2, inserted: 2, rejected: 0 });
    const rows = await fx.store.all<Record<string, unknown>>(
      'SELECT * FROM customers ORDER BY source_id',
    );
    expect(rows[0]).toMatchObject({
      source: 'crm',
      source_id: 'C1',
      first_name: 'Ann',
      last_name: 'Lee',
      email: 'ann@x.com',
    });
    expect((rows[0]?.created_at as Date | undefined)?.toISOString()).toBe(
      '2024-01-05T10:00:00.000Z',
    );
    expect((rows[1]?.created_at as Date | undefined)?.toISOString()).toBe(
      '2023-11-14T22:13:20.000Z',
    );
    expect(JSON.parse(String(rows[0]?.attributes))).toEqual({ Segment: 'gold' });
    expect(rows[1]?.email).toBeNull();
  });

  it('re-importing the same file changes nothing; a changed row is updated', async () => {
    const p = file(
      'o.csv',
      `${ORDERS_HEADER}O1,C1,2026-01-01,10.5,placed\nO2,C2,2026-01-02,20,delivered\n`,
    );
    await importOrders(p);
    const again = await importOrders(p);
    expect(again.totals).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    const p2 = file(
      'o2.csv',
      `${ORDERS_HEADER}O1,C1,2026-01-01,11.5,placed\nO3,C3,2026-01-03,5,placed\n`,
    );
    const changed = await importOrders(p2);
    expect(changed.totals).toMatchObject({ inserted: 1, updated: 1, unchanged: 0 });
    expect(await fx.store.all('SELECT source_id, amount FROM orders ORDER BY 1')).toEqual([
      { source_id: 'O1', amount: 11.5 },
      { source_id: 'O2', amount: 20 },
      { source_id: 'O3', amount: 5 },
    ]);
  });

  it('logs the keys of the rows it writes for the next score run: both customers of a moved order', async () => {
    const p = file(
      'o.csv',
      `${ORDERS_HEADER}O1,C1,2026-01-01,10,placed\nO2,C2,2026-01-02,20,placed\n`,
    );
    await importOrders(p);
    const logged = async () => {
      const rows = await fx.store.all<{ k: string }>(
        "SELECT key_kind || ':' || key AS k FROM activity_changes ORDER BY 1",
      );
      await fx.store.run('DELETE FROM activity_changes');
      return rows.map((r) => r.k);
    };
    expect(await logged()).toEqual(['record:shop:C1', 'record:shop:C2']);
    await importOrders(p); // unchanged: nothing to log
    expect(await logged()).toEqual([]);
    await importOrders(file('o2.csv', `${ORDERS_HEADER}O1,C9,2026-01-01,10,placed\n`));
    expect(await logged()).toEqual(['record:shop:C1', 'record:shop:C9']);
  });

  it('a re-import updates only the columns its file has: a narrower export erases nothing', async () => {
    await importOrders(
      file(
        'o.csv',
        `${ORDERS_HEADER}O1,C1,2026-01-01,10.5,delivered\nO2,C2,2026-01-02,20,placed\n`,
      ),
    );
    // the same orders with only id, date and total (a new total for O1), and one new order
    const narrow = file('n.csv', 'Order ID,Order Date,Total\nO1,2026-01-01,12\nO4,2026-01-04,7\n');
    const s = await importOrders(narrow);
    expect(s.totals).toMatchObject({ inserted: 1, updated: 1, unchanged: 0 });
    // a column mapped to "-" is not touched either
    await importOrders(file('o.csv', `${ORDERS_HEADER}O2,C9,2026-01-02,20,cancelled\n`), {
      map: { Status: '-' },
    });
    expect(
      await fx.store.all('SELECT source_id, customer_id, amount, status FROM orders ORDER BY 1'),
    ).toEqual([
      { source_id: 'O1', customer_id: 'C1', amount: 12, status: 'delivered' },
      { source_id: 'O2', customer_id: 'C9', amount: 20, status: 'placed' },
      { source_id: 'O4', customer_id: null, amount: 7, status: null },
    ]);
  });

  it('reads a BOM, semicolons (guessed), TSV, explicit --map and --date-format', async () => {
    const p = file(
      'o.csv',
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from('Order ID;Kunde;Datum;Total\nO1;C1;03/05/2026;10\n'),
      ]),
    );
    const s = await importOrders(p, {
      map: { Kunde: 'customer_id', Datum: 'placed_at' },
      dateFormat: '%d/%m/%Y',
    });
    expect(s.totals.inserted).toBe(1);
    const row = await fx.store.one<{ customer_id: string; placed_at: Date }>(
      'SELECT customer_id, placed_at FROM orders',
    );
    expect(row?.customer_id).toBe('C1');
    expect(row?.placed_at.toISOString()).toBe('2026-05-03T00:00:00.000Z');
    const t = file('o.tsv', 'order_id\tplaced_at\tamount\nO9\t2026-01-01\t3\n');
    expect((await importOrders(t)).totals.inserted).toBe(1);
  });

  it('saves the mapping per source and reuses it', async () => {
    const p = file('o.csv', 'Nr,Kunde,Datum,Summe\nO1,C1,2026-01-01,10\n');
    await importOrders(p, {
      map: { Nr: 'source_id', Kunde: 'customer_id', Datum: 'placed_at', Summe: 'amount' },
    });
    const p2 = file('o2.csv', 'Nr,Kunde,Datum,Summe\nO2,C1,2026-01-02,12\n');
    expect((await importOrders(p2)).totals.inserted).toBe(1);
  });

  it('imports Segment-shaped NDJSON events with the user agent parsed', async () => {
    const ua =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
    const lines = [
      JSON.stringify({
        messageId: 'm1',
        type: 'track',
        event: 'Order Completed',
        userId: 'u1',
        anonymousId: 'a1',
        timestamp: '2026-01-01T10:00:00Z',
        context: { userAgent: ua, page: { path: '/checkout' } },
        properties: { revenue: 10 },
      }),
      '',
      JSON.stringify({
        messageId: 'm2',
        type: 'page',
        name: 'Home',
        anonymousId: 'a1',
        timestamp: '2026-01-01T09:00:00Z',
      }),
      '{"messageId": "m3", oops',
    ];
    const p = file('e.ndjson', `${lines.join('\n')}\n`);
    const s = await importFiles(fx.store, { entity: ENTITIES.event, files: [p], source: 'web' });
    expect(s.totals).toMatchObject({ inserted: 2, rejected: 1 });
    expect(s.rejects[0]).toMatchObject({ line: 4, code: 'INPUT_BAD_JSON' });
    const e = await fx.store.one<Record<string, unknown>>(
      "SELECT * FROM events WHERE source_id = 'm1'",
    );
    expect(e).toMatchObject({
      type: 'track',
      event: 'Order Completed',
      browser: 'Safari',
      os: 'iOS',
      device_type: 'mobile',
      page_path: '/checkout',
    });
    expect(JSON.parse(String(e?.properties))).toEqual({ revenue: 10 });
  });
});

describe('importFiles — bad input is rejected with a located reason, good rows load', () => {
  it('unclosed quote', async () => {
    const p = file(
      'o.csv',
      `${ORDERS_HEADER}O1,C1,2026-01-01,10,placed\nO2,"C2,2026-01-02,20,placed\n`,
    );
    const s = await importOrders(p);
    expect(s.totals.inserted).toBe(1);
    expect(s.rejects[0]).toMatchObject({ line: 3, code: 'INPUT_UNCLOSED_QUOTE' });
  });

  it('ragged rows', async () => {
    const p = file(
      'o.csv',
      `${ORDERS_HEADER}O1,C1,2026-01-01,10,placed\nO2,C2,2026-01-02\nO3,C3,2026-01-03,30,placed,extra\nO4,C4,2026-01-04,40,placed\n`,
    );
    const s = await importOrders(p);
    expect(s.totals.inserted).toBe(2);
    expect(s.rejects.map((r) => [r.line, r.code])).toEqual([
      [3, 'INPUT_RAGGED_ROW'],
      [4, 'INPUT_RAGGED_ROW'],
    ]);
  });

  it('wrong delimiter: the header has one column', async () => {
    const p = file('o.csv', 'order_id;placed_at;amount\nO1;2026-01-01;3\n');
    await expect(importOrders(p, { delimiter: ',' })).rejects.toMatchObject({
      code: 'INPUT_MISSING_COLUMN',
    });
    await expect(importOrders(p, { delimiter: ',' })).rejects.toThrow(/delimiter/);
  });

  it('invalid UTF-8', async () => {
    const p = file(
      'o.csv',
      Buffer.concat([
        Buffer.from(`${ORDERS_HEADER}O1,C`),
        Buffer.from([0xff, 0xfe]),
        Buffer.from(',2026-01-01,10,placed\nO2,C2,2026-01-02,20,placed\n'),
      ]),
    );
    const s = await importOrders(p);
    expect(s.totals.inserted).toBe(1);
    expect(s.rejects[0]).toMatchObject({ line: 2, code: 'INPUT_BAD_ENCODING' });
  });

  it('wrong types, missing required values, bad enum — each with line, column and value', async () => {
    const p = file(
      'o.csv',
      `${ORDERS_HEADER}O1,C1,2026-01-01,"12,5O",placed\nO2,C2,,20,placed\nO3,C3,yesterday,30,placed\nO4,C4,2026-01-04,40,lost\nO5,C5,2026-01-05,50,shipped\n`,
    );
    const s = await importOrders(p);
    expect(s.totals).toMatchObject({ inserted: 1, rejected: 4 });
    expect(s.rejects.map((r) => [r.line, r.column, r.value, r.code])).toEqual([
      [2, 'Total', '12,5O', 'INPUT_BAD_NUMBER'],
      [3, 'Order Date', null, 'INPUT_MISSING_VALUE'],
      [4, 'Order Date', 'yesterday', 'INPUT_BAD_DATE'],
      [5, 'Status', 'lost', 'INPUT_BAD_VALUE'],
    ]);
    const stored = await fx.store.all('SELECT line, "column", code FROM rejects ORDER BY line');
    expect(stored).toHaveLength(4);
  });

  it('line numbers stay right after reader-rejected lines and with multi-line values', async () => {
    const p = file(
      'o.csv',
      `${ORDERS_HEADER}O1,C1,2026-01-01,10,placed\nO2,C2\nO3,"multi\nline",2026-01-03,30,placed\nO4,C4,2026-01-04,bad,placed\n`,
    );
    const s = await importOrders(p);
    expect(s.rejects.map((r) => [r.line, r.code])).toEqual([
      [3, 'INPUT_RAGGED_ROW'],
      [6, 'INPUT_BAD_NUMBER'],
    ]);
  });

  it('duplicate keys within a file keep the first row', async () => {
    const p = file(
      'o.csv',
      `${ORDERS_HEADER}O1,C1,2026-01-01,10,placed\nO2,C2,2026-01-02,20,placed\nO1,C9,2026-01-09,90,placed\n`,
    );
    const s = await importOrders(p);
    expect(s.totals.inserted).toBe(2);
    expect(s.rejects[0]).toMatchObject({
      line: 4,
      code: 'INPUT_DUPLICATE_KEY',
      reason: expect.stringContaining('line 2'),
    });
    expect(
      (await fx.store.one<{ amount: number }>("SELECT amount FROM orders WHERE source_id = 'O1'"))
        ?.amount,
    ).toBe(10);
  });

  it('an empty file', async () => {
    await expect(importOrders(file('o.csv', ''))).rejects.toMatchObject({
      code: 'INPUT_EMPTY_FILE',
    });
  });

  it('an absurdly long field', async () => {
    const long = 'x'.repeat(70_000);
    const p = file(
      't.csv',
      `ticket_id,opened_at,subject\nT1,2026-01-01,${long}\nT2,2026-01-02,ok\n`,
    );
    const s = await importFiles(fx.store, {
      entity: ENTITIES.ticket,
      files: [p],
      source: 'support',
    });
    expect(s.totals.inserted).toBe(1);
    expect(s.rejects[0]).toMatchObject({
      line: 2,
      column: 'subject',
      code: 'INPUT_FIELD_TOO_LONG',
    });
  });

  it('--map to an unknown field, or from a column the file lacks', async () => {
    const p = file('o.csv', `${ORDERS_HEADER}O1,C1,2026-01-01,10,placed\n`);
    await expect(importOrders(p, { map: { Total: 'price' } })).rejects.toMatchObject({
      code: 'INPUT_UNKNOWN_FIELD',
    });
    await expect(importOrders(p, { map: { Nope: 'amount' } })).rejects.toMatchObject({
      code: 'INPUT_UNKNOWN_COLUMN',
    });
  });

  it('a missing file fails before anything is written', async () => {
    const good = file('o.csv', `${ORDERS_HEADER}O1,C1,2026-01-01,10,placed\n`);
    await expect(
      importFiles(fx.store, {
        entity: ENTITIES.order,
        files: [good, join(fx.dir, 'missing.csv')],
        source: 'shop',
      }),
    ).rejects.toMatchObject({ code: 'INPUT_FILE_NOT_FOUND' });
    expect(await fx.store.all('SELECT * FROM orders')).toEqual([]);
  });

  it('a file that is not what --format says', async () => {
    const p = file('o.csv', `${ORDERS_HEADER}O1,C1,2026-01-01,10,placed\n`);
    await expect(importOrders(p, { format: 'parquet' })).rejects.toMatchObject({
      code: 'INPUT_WRONG_FORMAT',
    });
    await expect(importOrders(p, { format: 'ndjson' })).rejects.toMatchObject({
      code: 'INPUT_WRONG_FORMAT',
    });
    const pq = join(fx.dir, 'o.parquet');
    await fx.store.run(
      `COPY (SELECT 'O1' AS order_id, DATE '2026-01-01' AS placed_at, 3.5 AS amount) TO '${pq}' (FORMAT parquet)`,
    );
    await expect(importOrders(pq, { format: 'csv' })).rejects.toMatchObject({
      code: 'INPUT_WRONG_FORMAT',
    });
    expect((await importOrders(pq)).totals.inserted).toBe(1);
  });

  it('a failure midway leaves the store as it was', async () => {
    const ok = file('a.csv', `${ORDERS_HEADER}O1,C1,2026-01-01,10,placed\n`);
    const bad = file('b.csv', 'just,some,columns\n1,2,3\n');
    await expect(
      importFiles(fx.store, { entity: ENTITIES.order, files: [ok, bad], source: 'shop' }),
    ).rejects.toMatchObject({ code: 'INPUT_MISSING_COLUMN' });
    expect(await fx.store.all('SELECT * FROM orders')).toEqual([]);
    expect(await fx.store.all('SELECT * FROM import_runs')).toEqual([]);
  });
});
