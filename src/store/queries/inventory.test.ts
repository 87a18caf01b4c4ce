import { describe, expect, it } from 'vitest';
import { Store } from '../db.js';
import { activitySpan, countRows, latestImports } from './inventory.js';

describe('store inventory', () => {
  it('spans the activity of every table, counts rows per entity and source, lists imports', async () => {
    const store = await Store.open(':memory:');
    try {
      expect(await activitySpan(store)).toBeUndefined();
      expect(await countRows(store)).toEqual([]);
      expect(await latestImports(store, 5)).toEqual([]);
      await store.run(
        `INSERT INTO orders (source, source_id, placed_at, amount) VALUES ('shop', 'o1', '2026-03-02 10:00:00', 5), ('shop', 'o2', '2026-03-05 12:00:00', 7)`,
      );
      await store.run(
        `INSERT INTO events (source, source_id, type, timestamp) VALUES ('web', 'e1', 'page', '2026-02-27 08:00:00')`,
      );
      expect(await activitySpan(store)).toEqual({
        first: new Date('2026-02-27T08:00:00Z'),
        last: new Date('2026-03-05T12:00:00Z'),
      });
      expect(await countRows(store)).toEqual([
        { entity: 'event', source: 'web', rows: 1 },
        { entity: 'order', source: 'shop', rows: 2 },
      ]);
      expect(await countRows(store, 'web')).toEqual([{ entity: 'event', source: 'web', rows: 1 }]);
    } finally {
      store.close();
    }
  });
});
