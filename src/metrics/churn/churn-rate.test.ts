import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../../store/index.js';
import { churnRates } from './churn-rate.js';
import { cohortRetention } from './cohorts.js';
import { insertOrders, SMALL_ORDERS, testConfig } from './testing.js';

// Hand-computed on SMALL_ORDERS (testing.ts), inactivity 30 days, data end 2026-05-31:
// churn dates A 04-20, B 01-10, C 02-15, D 03-25; E and F still active.
describe('churnRates', () => {
  let store: Store;
  beforeEach(async () => {
    store = await Store.open(':memory:');
    await insertOrders(store, SMALL_ORDERS);
  });
  afterEach(() => store.close());

  it('counts active at month start, churned in month and acquired', async () => {
    const r = await churnRates(store, testConfig());
    expect(r.end).toBe('2026-05-31');
    const pick = r.months.map((m) => [m.month, m.activeAtStart, m.churned, m.acquired, m.complete]);
    expect(pick).toEqual([
      ['2026-01', 0, 0, 3, true],
      ['2026-02', 2, 1, 1, true],
      ['2026-03', 2, 1, 1, true],
      ['2026-04', 2, 1, 0, true],
      ['2026-05', 1, 0, 1, false],
    ]);
    const feb = r.months[1]!;
    expect(feb.rate).toBe(0.5);
    expect(feb.low).toBeCloseTo(0.0945, 3);
    expect(feb.high).toBeCloseTo(0.9055, 3);
    expect(r.months[0]!.rate).toBeNull();
    // three complete months at 0.5: no trend
    expect(r.trend).toMatchObject({ n: 3, s: 0, pValue: 1, slope: 0, direction: 'flat' });
  });

  it('restricts the months to from..to', async () => {
    const r = await churnRates(store, testConfig(), { from: '2026-02-10', to: '2026-03-01' });
    expect(r.months.map((m) => m.month)).toEqual(['2026-02', '2026-03']);
  });

  it('is empty on an empty store', async () => {
    const empty = await Store.open(':memory:');
    const r = await churnRates(empty, testConfig());
    expect(r.months).toEqual([]);
    expect(r.trend).toBeNull();
    empty.close();
  });
});

describe('cohortRetention', () => {
  let store: Store;
  beforeEach(async () => {
    store = await Store.open(':memory:');
    await insertOrders(store, SMALL_ORDERS);
  });
  afterEach(() => store.close());

  it('computes customer, net and gross revenue retention per cell', async () => {
    const r = await cohortRetention(store, testConfig());
    expect(r.cohorts).toEqual([
      { cohort: '2026-01', size: 3 },
      { cohort: '2026-02', size: 1 },
      { cohort: '2026-03', size: 1 },
      { cohort: '2026-05', size: 1 },
    ]);
    const jan = r.cells.filter((c) => c.cohort === '2026-01');
    expect(jan.map((c) => c.retained)).toEqual([2, 1, 1, 0, 0]);
    expect(jan.map((c) => c.revenue)).toEqual([80, 60, 0, 30, 0]);
    expect(jan[1]!.netRevenueRetention).toBeCloseTo(0.75, 12);
    expect(jan[1]!.grossRevenueRetention).toBeCloseTo(0.375, 12);
    expect(jan[3]!.netRevenueRetention).toBeCloseTo(0.375, 12);
    expect(jan[3]!.grossRevenueRetention).toBeCloseTo(0.125, 12);
    expect(jan[0]!.retention).toBeCloseTo(2 / 3, 12);
    expect(jan.map((c) => c.complete)).toEqual([true, true, true, true, false]);
    // D (Feb): orders 02-03 and 03-25 (15, 25), churned 03-25
    const feb = r.cells.filter((c) => c.cohort === '2026-02');
    expect(feb.map((c) => c.retained)).toEqual([1, 0, 0, 0]);
    expect(feb[1]!.netRevenueRetention).toBeCloseTo(25 / 15, 12);
    expect(feb[1]!.grossRevenueRetention).toBe(1);
  });
});
