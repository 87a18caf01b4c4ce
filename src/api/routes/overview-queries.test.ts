import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../store/index.js';
import { KPI_DEFS, kpi } from './overview-queries.js';

const DAY = 86_400_000;
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

describe('overview KPIs', () => {
  let store: Store;
  const late = KPI_DEFS.find((d) => d.key === 'late_delivery_rate')!;
  beforeAll(async () => {
    store = await Store.open(':memory:');
    // Jan 2: one delivered on time, one a day late; Jan 3: one still undelivered past its
    // promised day at the end of the data (Jan 10)
    await store.run(`INSERT INTO orders (source, source_id, placed_at, amount, promised_at, delivered_at) VALUES
      ('s', '1', '2026-01-02 10:00', 1, '2026-01-05 18:00', '2026-01-05 09:00'),
      ('s', '2', '2026-01-02 11:00', 1, '2026-01-05 18:00', '2026-01-06 09:00'),
      ('s', '3', '2026-01-03 11:00', 1, '2026-01-06 18:00', NULL),
      ('s', '4', '2026-01-10 11:00', 1, '2026-01-14 18:00', NULL)`);
  });
  afterAll(() => store.close());

  it('late deliveries: the late share of the orders that can be judged, an overdue one included', async () => {
    const k = await kpi(
      store,
      late,
      { fromMs: day('2026-01-02'), toMs: day('2026-01-04') },
      undefined,
    );
    expect(k.value).toBeCloseTo(2 / 3, 12);
    expect(k.series).toEqual([
      { day: '2026-01-02', value: 0.5 },
      { day: '2026-01-03', value: 1 },
    ]);
  });

  it('a rate with nothing to measure is null, not 0; a count is 0', async () => {
    const period = { fromMs: day('2026-01-07'), toMs: day('2026-01-07') + 4 * DAY };
    const k = await kpi(store, late, period, undefined);
    expect(k.value).toBeNull(); // Jan 10's order is not due yet
    expect(k.series.map((s) => s.value)).toEqual([null, null, null, null]);
    const orders = await kpi(store, KPI_DEFS.find((d) => d.key === 'orders')!, period, undefined);
    expect(orders.value).toBe(1);
    expect(orders.series.map((s) => s.value)).toEqual([0, 0, 0, 1]);
  });
});
