import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../../store/index.js';
import { SurvivalBySegment } from './schemas.js';
import { listSegments, saveRetentionCell } from './segments.js';
import { survivalBySegment } from './survival.js';
import { insertOrders, SMALL_ORDERS, testConfig } from './testing.js';

// SMALL_ORDERS with inactivity 30 days, data end 2026-05-31. Days from acquisition to churn
// (event) or to the data end (censored), first-order partner:
//   P1: A 105 (churned), D 50 (churned), E 90 (censored)
//   P2: B 0 (churned), C 26 (churned), F 0 (censored)
describe('survivalBySegment', () => {
  let store: Store;
  beforeEach(async () => {
    store = await Store.open(':memory:');
    await insertOrders(store, SMALL_ORDERS);
  });
  afterEach(() => store.close());

  it('gives Kaplan–Meier curves per partner and the log-rank test (hand-computed)', async () => {
    const r = await survivalBySegment(store, testConfig(), 'partner');
    const p1 = r.groups.find((g) => g.group === 'P1')!;
    const p2 = r.groups.find((g) => g.group === 'P2')!;
    expect([p1.n, p1.churned, p1.medianDays]).toEqual([3, 2, 105]);
    expect(p1.curve.map((c) => [c.days, c.atRisk, c.events])).toEqual([
      [50, 3, 1],
      [90, 2, 0],
      [105, 1, 1],
    ]);
    expect(p1.at['30']).toBe(1);
    expect(p1.at['90']).toBeCloseTo(2 / 3, 12);
    expect(p1.at['180']).toBe(0); // the curve reached 0
    // where it reaches 0 the log-log interval is undefined: null bounds, and the result still
    // matches its schema (the API answered 500 on NaN bounds)
    expect(p1.curve[2]).toMatchObject({ survival: 0, lower: null, upper: null });
    expect(p1.curve[0]!.lower).toBeGreaterThan(0);
    expect(() => SurvivalBySegment.parse(r)).not.toThrow();
    expect([p2.n, p2.churned, p2.medianDays]).toEqual([3, 2, 26]);
    expect(p2.curve[0]!.survival).toBeCloseTo(2 / 3, 12);
    // O_P1 = 2, E_P1 = 0.5 + 0.75 + 1 + 1 = 3.25, V = 0.25 + 0.1875 = 0.4375 → χ² = 1.5625 / 0.4375
    expect(r.logRank!.chiSquare).toBeCloseTo(1.5625 / 0.4375, 10);
    expect(r.logRank!.degreesOfFreedom).toBe(1);
    expect(r.logRank!.pValue).toBeCloseTo(0.0588, 3);
  });

  it('puts customers without a value in (none) and rejects unknown segments', async () => {
    await store.run("UPDATE orders SET channel = NULL WHERE customer_id = 'F'");
    const r = await survivalBySegment(store, testConfig(), 'channel');
    expect(r.groups.map((g) => [g.group, g.n]).sort()).toEqual([
      ['(none)', 1],
      ['app', 2],
      ['web', 3],
    ]);
    await expect(survivalBySegment(store, testConfig(), 'colour')).rejects.toMatchObject({
      code: 'INPUT_BAD_SEGMENT',
    });
    await expect(survivalBySegment(store, testConfig(), 'quadrant')).rejects.toMatchObject({
      code: 'INPUT_NOT_COMPUTED',
    });
  });

  it('saves a retention cell as a segment and compares it with everyone else', async () => {
    const kept = await saveRetentionCell(store, testConfig(), {
      cohort: '2026-01',
      monthsSince: 1,
    });
    expect(kept).toMatchObject({
      name: 'cohort-2026-01-m1-retained',
      kind: 'cohort_cell',
      size: 1,
    });
    const lost = await saveRetentionCell(store, testConfig(), {
      cohort: '2026-01',
      monthsSince: 1,
      which: 'lost',
      name: 'jan-lost',
    });
    expect(lost.size).toBe(2);
    const members = await store.all<{ person_id: string }>(
      "SELECT person_id FROM segment_members WHERE segment = 'jan-lost' ORDER BY 1",
    );
    expect(members.map((m) => m.person_id)).toEqual(['shop:B', 'shop:C']);
    // saving again replaces, not duplicates
    await saveRetentionCell(store, testConfig(), { cohort: '2026-01', monthsSince: 1 });
    expect((await listSegments(store)).map((s) => [s.name, s.size])).toEqual([
      ['cohort-2026-01-m1-retained', 1],
      ['jan-lost', 2],
    ]);
    const r = await survivalBySegment(store, testConfig(), 'saved:jan-lost');
    expect(r.groups.map((g) => [g.group, g.n])).toEqual([
      ['others', 4],
      ['jan-lost', 2],
    ]);
    await expect(survivalBySegment(store, testConfig(), 'saved:nope')).rejects.toMatchObject({
      code: 'SEGMENT_NOT_FOUND',
    });
    await expect(
      saveRetentionCell(store, testConfig(), { cohort: '2026-05', monthsSince: 3 }),
    ).rejects.toMatchObject({ code: 'INPUT_CELL_OUT_OF_RANGE' });
  });
});
