import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
  it('lists the latest import with rejects, an import by id prefix, or all, up to the limit', async () => {
    const first = await importOrders(
      'a.csv',
      'O1,C1,2026-01-01,bad,placed\nO2,C2,2026-01-02,20,lost\nO3,C3,2026-01-03,30,placed\n',
    );
    const second = await importOrders('b.csv', 'O4,C4,yesterday,40,placed\n');
    await importOrders('c.csv', 'O5,C5,2026-01-05,50,placed\n'); // no rejects

    const latest = await listRejects(store, { limit: 100 });
    expect(latest.map((r) => [r.import, r.line, r.column, r.code])).toEqual([
      [second.importId.slice(0, 8), 2, 'Order Date', 'INPUT_BAD_DATE'],
    ]);

    const byId = await listRejects(store, { importId: first.importId.slice(0, 6), limit: 100 });
    expect(byId.map((r) => [r.file.endsWith('a.csv'), r.line, r.value, r.code])).toEqual([
      [true, 2, 'bad', 'INPUT_BAD_NUMBER'],
      [true, 3, 'lost', 'INPUT_BAD_VALUE'],
    ]);

    expect(await listRejects(store, { all: true, limit: 100 })).toHaveLength(3);
    expect(await listRejects(store, { all: true, limit: 2 })).toHaveLength(2);
    expect(await listRejects(store, { importId: first.importId, limit: 1 })).toHaveLength(1);
    expect(await listRejects(store, { importId: 'no-such-import', limit: 10 })).toEqual([]);
  });
});
