import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../../store/index.js';
import { listSegments, saveRetentionCell } from './segments.js';
import { insertOrders, SMALL_ORDERS, testConfig } from './testing.js';

// SMALL_ORDERS, inactivity 30 days, data end 2026-05-31. Cohorts: 2026-01 A B C, 2026-02 D,
// 2026-03 E, 2026-05 F (none acquired in 2026-04). Cohort 2026-01 by the end of month 1
// (boundary 2026-03-01): retained A, lost B and C.
describe('saveRetentionCell', () => {
  let store: Store;
  beforeEach(async () => {
    store = await Store.open(':memory:');
    await insertOrders(store, SMALL_ORDERS);
  });
  afterEach(() => store.close());

  const members = async (name: string) =>
    (
      await store.all<{ person_id: string }>(
        'SELECT person_id FROM segment_members WHERE segment = ? ORDER BY 1',
        [name],
      )
    ).map((m) => m.person_id);

  it('refuses a cohort without customers instead of saving an empty segment', async () => {
    for (const cohort of ['2020-01', '2026-04']) {
      await expect(
        saveRetentionCell(store, testConfig(), { cohort, monthsSince: 0, name: 'empty' }),
      ).rejects.toMatchObject({
        code: 'INPUT_EMPTY_COHORT',
        message: expect.stringContaining('cohorts run from 2026-01 to 2026-05'),
      });
    }
    expect(await listSegments(store)).toEqual([]);
  });

  it('refuses a name saved for another cell unless told to replace it', async () => {
    const lost = { cohort: '2026-01', monthsSince: 1, which: 'lost', name: 'jan' } as const;
    await saveRetentionCell(store, testConfig(), lost);
    const other = { ...lost, which: 'retained' } as const;
    await expect(saveRetentionCell(store, testConfig(), other)).rejects.toMatchObject({
      code: 'INPUT_SEGMENT_EXISTS',
      message: expect.stringContaining('cohort 2026-01 month 1 lost (2 customers)'),
    });
    expect(await members('jan')).toEqual(['shop:B', 'shop:C']);
    const replaced = await saveRetentionCell(store, testConfig(), other, { replace: true });
    expect(replaced).toMatchObject({ name: 'jan', size: 1 });
    expect(await members('jan')).toEqual(['shop:A']);
  });

  it('refreshes a name saved for the same cell', async () => {
    const cell = { cohort: '2026-01', monthsSince: 1, which: 'lost', name: 'jan' } as const;
    await saveRetentionCell(store, testConfig(), cell);
    // A later order from C moves C's churn day (its last activity) past 2026-03-01: not lost.
    await store.run(
      "INSERT INTO orders (source, source_id, customer_id, placed_at, amount) VALUES ('shop', 'O99', 'C', TIMESTAMP '2026-03-10 12:00:00', 5)",
    );
    expect(await saveRetentionCell(store, testConfig(), cell)).toMatchObject({ size: 1 });
    expect(await members('jan')).toEqual(['shop:B']);
  });
});
