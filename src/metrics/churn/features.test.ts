import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../store/index.js';
import { buildFeatures, nonEmptyTables } from './features.js';
import { buildActivity } from './population.js';
import { insertOrders, SMALL_ORDERS, testConfig } from './testing.js';

describe('buildFeatures: returns and reopens as known at the cutoff', () => {
  let store: Store;
  const cfg = testConfig({ activity: ['orders', 'tickets'] });
  beforeAll(async () => {
    store = await Store.open(':memory:');
    await insertOrders(store, SMALL_ORDERS);
    // A: one order returned on Feb 20 (dated), one returned with no date (counted whenever placed)
    await store.run(
      "UPDATE orders SET returned = true, returned_at = '2026-02-20 10:00' WHERE source_id = 'O1'; UPDATE orders SET returned = true WHERE source_id = 'O2'",
    );
    // A: a ticket opened Jan 20, reopened twice, last on Feb 25; another with undated reopens
    await store.run(
      `INSERT INTO tickets (source, source_id, customer_id, opened_at, first_response_at, resolved_at, reopened_count, reopened_at) VALUES
       ('shop', 'T1', 'A', '2026-01-20 09:00', '2026-01-20 10:00', '2026-03-01 09:00', 2, '2026-02-25 09:00'),
       ('shop', 'T2', 'A', '2026-02-01 09:00', '2026-02-01 10:00', '2026-02-02 09:00', 1, NULL)`,
    );
    await buildActivity(store, cfg);
  });
  afterAll(() => store.close());

  async function featuresOfA(cutoff: string) {
    const tables = await nonEmptyTables(store, ['orders', 'tickets']);
    await buildFeatures(
      store,
      cfg,
      new Date(`${cutoff}T00:00:00Z`),
      {
        identity: false,
        label: false,
        into: 'f_test',
      },
      tables,
    );
    return store.one<{ returns: number; reopens: number }>(
      "SELECT returns, reopens FROM f_test WHERE person_id = 'shop:A'",
    );
  }

  it('leaves a dated return or reopen out before its date and counts it after', async () => {
    // Feb 15: O1's return (Feb 20) and T1's last reopen (Feb 25) lie ahead; O2 (placed Feb 10,
    // undated return) and T2's undated reopen count
    expect(await featuresOfA('2026-02-15')).toEqual({ returns: 1, reopens: 1 });
    // Feb 20 (the whole day): O1's return is known; T1's reopen not yet
    expect(await featuresOfA('2026-02-20')).toEqual({ returns: 2, reopens: 1 });
    expect(await featuresOfA('2026-02-28')).toEqual({ returns: 2, reopens: 3 });
  });

  it('counts an order still undelivered past its promised day as late, once that day has passed', async () => {
    // A's Feb 10 order (O2) was promised for Feb 12 and delivered Feb 20
    await store.run(
      "UPDATE orders SET promised_at = '2026-02-12 18:00', delivered_at = '2026-02-20 10:00' WHERE source_id = 'O2'",
    );
    const late = async (cutoff: string) => {
      const tables = await nonEmptyTables(store, ['orders', 'tickets']);
      await buildFeatures(
        store,
        cfg,
        new Date(`${cutoff}T00:00:00Z`),
        { identity: false, label: false, into: 'f_late' },
        tables,
      );
      return store.one<{ late_deliveries: number; late_share: number | null }>(
        "SELECT late_deliveries, late_share FROM f_late WHERE person_id = 'shop:A'",
      );
    };
    expect(await late('2026-02-12')).toEqual({ late_deliveries: 0, late_share: null }); // not due yet
    expect(await late('2026-02-15')).toEqual({ late_deliveries: 1, late_share: 1 }); // overdue, undelivered
    expect(await late('2026-02-25')).toEqual({ late_deliveries: 1, late_share: 1 }); // delivered late
  });
});
