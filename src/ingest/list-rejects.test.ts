import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError } from '../lib/errors.js';
import { ENTITIES } from '../schemas/index.js';
import { Store } from '../store/index.js';
import { importFiles, listRejects } from './index.js';

let dir: string;
let store: Store;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cx-rejects-'));
  store = await Store.open(':memory:');
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const HEADER = 'Order ID,Customer ID,Order Date,Total,Status\n';

async function importOrders(name: string, body: string) {
  const path = join(dir, name);
  writeFileSync(path, HEADER + body);
  return importFiles(store, { entity: ENTITIES.order, files: [path], source: 'shop' });
}

describe('listRejects', () => {
  it('lists an import by id prefix, or all, up to the limit', async () => {
    const first = await importOrders(
      'a.csv',
      'O1,C1,2026-01-01,bad,placed\nO2,C2,2026-01-02,20,lost\nO3,C3,2026-01-03,30,placed\n',
    );
    const second = await importOrders('b.csv', 'O4,C4,yesterday,40,placed\n');

    const latest = await listRejects(store, { limit: 100 });
    expect(latest.run).toMatchObject({ importId: second.importId, entity: 'order', rejected: 1 });
    expect(latest.rows.map((r) => [r.import, r.line, r.column, r.code])).toEqual([
      [second.importId.slice(0, 8), 2, 'Order Date', 'INPUT_BAD_DATE'],
    ]);

    const byId = await listRejects(store, { importId: first.importId.slice(0, 6), limit: 100 });
    expect(byId.run?.importId).toBe(first.importId);
    expect(byId.rows.map((r) => [r.file.endsWith('a.csv'), r.line, r.value, r.code])).toEqual([
      [true, 2, 'bad', 'INPUT_BAD_NUMBER'],
      [true, 3, 'lost', 'INPUT_BAD_VALUE'],
    ]);

    const all = await listRejects(store, { all: true, limit: 100 });
    expect(all.run).toBeNull();
    expect(all.rows).toHaveLength(3);
    expect((await listRejects(store, { all: true, limit: 2 })).rows).toHaveLength(2);
    expect((await listRejects(store, { importId: first.importId, limit: 1 })).rows).toHaveLength(1);
  });

  it('shows the latest import even when it rejected nothing, not an older one', async () => {
    await importOrders('a.csv', 'O1,C1,2026-01-01,bad,placed\n');
    const clean = await importOrders('c.csv', 'O5,C5,2026-01-05,50,placed\n');
    const latest = await listRejects(store, { limit: 100 });
    expect(latest.run).toEqual({
      importId: clean.importId,
      entity: 'order',
      source: 'shop',
      rejected: 0,
    });
    expect(latest.rows).toEqual([]);
  });

  it('an id prefix that matches no import is NOT_FOUND_IMPORT', async () => {
    await importOrders('a.csv', 'O1,C1,2026-01-01,bad,placed\n');
    await expect(listRejects(store, { importId: 'zzzz', limit: 10 })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(listRejects(store, { importId: 'zzzz', limit: 10 })).rejects.toMatchObject({
      code: 'NOT_FOUND_IMPORT',
    });
  });

  it('an id prefix that matches several imports is INPUT_AMBIGUOUS_IMPORT', async () => {
    for (const id of ['abc1-0000', 'abc2-0000']) {
      await store.run(
        `INSERT INTO import_runs (import_id, entity, source, files, started_at, status)
         VALUES (?, 'order', 'shop', ['x.csv'], now()::TIMESTAMP, 'done')`,
        [id],
      );
    }
    await expect(listRejects(store, { importId: 'abc', limit: 10 })).rejects.toMatchObject({
      code: 'INPUT_AMBIGUOUS_IMPORT',
    });
    expect((await listRejects(store, { importId: 'abc2', limit: 10 })).run?.importId).toBe(
      'abc2-0000',
    );
  });

  it('a store without imports lists nothing', async () => {
    expect(await listRejects(store, { limit: 10 })).toEqual({ run: null, rows: [] });
  });
});
