import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENTITIES } from '../schemas/index.js';
import { Store } from '../store/index.js';
import { importFiles } from './index.js';

let dir: string;
let store: Store;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cx-casts-dates-'));
  store = await Store.open(':memory:');
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Imports orders placed at `dates` (one row each, ids O1, O2 …); returns placed_at by id. */
async function placedAt(dates: readonly string[]) {
  const p = join(dir, 'orders.csv');
  writeFileSync(
    p,
    `order_id,placed_at,amount\n${dates.map((d, i) => `O${i + 1},${d},1`).join('\n')}\n`,
  );
  const summary = await importFiles(store, { entity: ENTITIES.order, files: [p], source: 'shop' });
  const rows = await store.all<{ source_id: string; placed_at: Date }>(
    'SELECT source_id, placed_at FROM orders ORDER BY source_id',
  );
  return {
    summary,
    at: Object.fromEntries(rows.map((r) => [r.source_id, r.placed_at.toISOString()])),
  };
}

describe('timestamp casts — time-zone offsets', () => {
  it('applies offsets written as +HH, +HHMM and +HH:MM (PostgreSQL writes -03)', async () => {
    const { summary, at } = await placedAt([
      '2018-07-29 13:54:51-03',
      '2018-07-29T13:54:51+0200',
      '2018-07-29T13:54:51+02:00',
      '2018-07-29 13:54:51.250+05:30',
      '2018-07-29T13:54:51Z',
      '2018-07-29',
    ]);
    expect(summary.totals.rejected).toBe(0);
    expect(at).toEqual({
      O1: '2018-07-29T16:54:51.000Z',
      O2: '2018-07-29T11:54:51.000Z',
      O3: '2018-07-29T11:54:51.000Z',
      O4: '2018-07-29T08:24:51.250Z',
      O5: '2018-07-29T13:54:51.000Z',
      O6: '2018-07-29T00:00:00.000Z',
    });
  });

  it("stores offsets as UTC whatever the connection's TimeZone", async () => {
    await store.run("SET TimeZone = 'America/Sao_Paulo'");
    const { at } = await placedAt([
      '2018-07-29T13:54:51+02:00',
      '2018-07-29 13:54:51-03',
      '1700000000',
    ]);
    expect(at).toEqual({
      O1: '2018-07-29T11:54:51.000Z',
      O2: '2018-07-29T16:54:51.000Z',
      O3: '2023-11-14T22:13:20.000Z',
    });
  });
});

describe('timestamp and date casts — ISO 8601 basic format', () => {
  it('reads YYYYMMDD dates and YYYYMMDDTHHMMSS[Z] date-times', async () => {
    const { summary, at } = await placedAt([
      '19600210',
      '20240229',
      '20240229T135451Z',
      '20240229T135451',
    ]);
    expect(summary.totals.rejected).toBe(0);
    expect(at).toEqual({
      O1: '1960-02-10T00:00:00.000Z',
      O2: '2024-02-29T00:00:00.000Z',
      O3: '2024-02-29T13:54:51.000Z',
      O4: '2024-02-29T13:54:51.000Z',
    });
  });

  it('reads a YYYYMMDD birth date (a date field)', async () => {
    const p = join(dir, 'febrl.csv');
    writeFileSync(p, 'id,date_of_birth\nr1,19600210\n');
    const s = await importFiles(store, { entity: ENTITIES.customer, files: [p], source: 'febrl' });
    expect(s.totals).toMatchObject({ inserted: 1, rejected: 0 });
    const row = await store.one<{ birth_date: Date }>('SELECT birth_date FROM customers');
    expect(row?.birth_date.toISOString()).toBe('1960-02-10T00:00:00.000Z');
  });

  it('rejects eight digits that are no calendar date, or outside 1900–2200', async () => {
    const { summary } = await placedAt(['20230230', '20231301', '18991231', '22010101', '2023021']);
    expect(summary.totals.rejected).toBe(5);
    expect(summary.rejects.map((r) => r.code)).toEqual(Array(5).fill('INPUT_BAD_DATE'));
  });
});
