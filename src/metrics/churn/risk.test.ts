import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRfmSummary } from '../../models/index.js';
import { Store } from '../../store/index.js';
import { churnRisk, topChurnRisk } from './risk.js';
import { type FixtureOrder, insertOrders, insertSyntheticShop, testConfig } from './testing.js';
import { customerValue, readRfmSummary } from './value.js';

describe('churnRisk and customerValue on a synthetic shop', () => {
  let store: Store;
  let orders: FixtureOrder[];
  const cfg = testConfig({ definition: { kind: 'inactivity', days: 45 }, horizon_days: 45 });
  beforeAll(async () => {
    store = await Store.open(':memory:');
    orders = await insertSyntheticShop(store, 600, 3);
  });
  afterAll(() => store.close());

  it('learns that late deliveries raise churn, validates on a holdout and writes churn_risk', async () => {
    const r = await churnRisk(store, cfg, { asOf: '2026-08-20' });
    expect(r.trainCutoff).toBe('2026-07-06');
    expect(r.train.snapshots[0]).toBe('2026-07-06');
    expect(r.holdout.auc).toBeGreaterThan(0.6);
    expect(r.excluded.map((e) => e.feature)).toEqual([
      'experience',
      'engagement',
      'silent_quadrant',
    ]);
    expect(r.explained).toBe(Math.min(r.scored, 1000));
    const n = await store.one<{ n: number }>('SELECT count(*) AS n FROM churn_risk');
    expect(n?.n).toBe(r.scored);
    const top = await topChurnRisk(store, 5);
    expect(top).toHaveLength(5);
    expect(top[0]!.risk).toBeGreaterThanOrEqual(top[4]!.risk);
    expect(top[0]!.drivers.length).toBeGreaterThan(0);
    const late = await store.one<{ auc: number }>(
      `SELECT avg(risk) FILTER (WHERE CAST(drivers AS VARCHAR) LIKE '%late_deliveries%') /
              avg(risk) AS auc FROM churn_risk`,
    );
    expect(late!.auc).toBeGreaterThan(1);
  });

  it('reads nothing after asOf: future rows do not change the scores', async () => {
    await churnRisk(store, cfg, { asOf: '2026-07-31' });
    const before = await store.all(
      "SELECT person_id, risk FROM churn_risk WHERE as_of = DATE '2026-07-31' ORDER BY 1",
    );
    await store.run(
      "INSERT INTO orders (source, source_id, customer_id, placed_at, amount) SELECT 'shop', 'F' || customer_id, customer_id, TIMESTAMP '2026-08-05 10:00:00', 999 FROM (SELECT DISTINCT customer_id FROM orders)",
    );
    await churnRisk(store, cfg, { asOf: '2026-07-31' });
    const after = await store.all(
      "SELECT person_id, risk FROM churn_risk WHERE as_of = DATE '2026-07-31' ORDER BY 1",
    );
    expect(after).toEqual(before);
    await store.run("DELETE FROM orders WHERE source_id LIKE 'F%'");
  });

  it('fails with a located error when there is too little history', async () => {
    await expect(churnRisk(store, cfg, { asOf: '2026-01-20' })).rejects.toMatchObject({
      code: 'INPUT_TOO_FEW_LABELS',
    });
  });

  it('builds the same RFM summary in SQL as the model core, and fits CLV', async () => {
    const sql = await readRfmSummary(store, new Date('2026-06-30T00:00:00Z'));
    const core = buildRfmSummary(
      orders.map((o) => ({ customerId: `shop:${o.customer}`, at: o.at, amount: o.amount })),
      { calibrationEnd: '2026-06-30', timeUnit: 'weeks' },
    );
    const byId = new Map(core.ids.map((id, i) => [id, i]));
    // customers whose first purchase is the calibration end day (T = 0) are left out
    const newOnes = core.ids.filter((_, i) => core.T[i] === 0).length;
    expect(newOnes).toBeGreaterThan(0);
    expect(sql.excludedNew).toBe(newOnes);
    expect(sql.ids.length).toBe(core.ids.length - newOnes);
    for (let i = 0; i < sql.ids.length; i += 37) {
      const j = byId.get(sql.ids[i]!)!;
      expect(sql.frequency[i]).toBe(core.frequency[j]);
      expect(sql.recency[i]).toBeCloseTo(core.recency[j]!, 10);
      expect(sql.T[i]).toBeCloseTo(core.T[j]!, 10);
      expect(sql.monetary[i]).toBeCloseTo(core.monetary[j]!, 8);
    }
    const v = await customerValue(store, { calibrationEnd: '2026-06-30', horizonMonths: 6 });
    expect(v.customers).toBe(core.ids.length - newOnes);
    expect(v.excludedNew).toBe(newOnes);
    expect(v.meanProbabilityAlive).toBeGreaterThan(0);
    expect(v.meanProbabilityAlive).toBeLessThanOrEqual(1);
    expect(v.totalClv).toBeGreaterThan(0);
    const rows = await store.one<{ n: number; bad: number }>(
      'SELECT count(*) AS n, count(*) FILTER (WHERE clv < 0 OR p_alive > 1 OR isnan(clv)) AS bad FROM customer_value',
    );
    expect(rows).toEqual({ n: core.ids.length - newOnes, bad: 0 });
  });

  it('values a store whose only new customer arrives on the calibration end day (T = 0)', async () => {
    const s = await Store.open(':memory:');
    try {
      await insertOrders(s, [
        { customer: 'A', at: '2026-01-05', amount: 10 },
        { customer: 'A', at: '2026-02-10', amount: 20 },
        { customer: 'B', at: '2026-01-10', amount: 50 },
        { customer: 'B', at: '2026-03-01', amount: 30 },
        { customer: 'B', at: '2026-04-01', amount: 40 },
        { customer: 'C', at: '2026-02-01', amount: 15 },
        { customer: 'D', at: '2026-05-31', amount: 5 },
      ]);
      const v = await customerValue(s, { horizonMonths: 6 });
      expect(v.calibrationEnd).toBe('2026-05-31');
      expect(v.excludedNew).toBe(1);
      expect(v.customers).toBe(3);
      const ids = await s.all<{ person_id: string }>(
        'SELECT person_id FROM customer_value ORDER BY 1',
      );
      expect(ids.map((r) => r.person_id)).toEqual(['shop:A', 'shop:B', 'shop:C']);
    } finally {
      s.close();
    }
  });
});
