import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../store/index.js';
import { listChurnRisk, listCustomerValue } from './risk-list.js';
import type { CustomerValueResult } from './schemas.js';

const SUMMARY: CustomerValueResult = {
  calibrationEnd: '2026-05-31',
  horizonMonths: 12,
  customers: 3,
  excludedNew: 0,
  repeatCustomers: 2,
  bgNbd: { r: 0.5, alpha: 4, a: 0.8, b: 2.5 },
  gammaGamma: null,
  totalClv: 60,
  meanClv: 20,
  medianClv: 15,
  meanProbabilityAlive: 0.7,
  expectedPurchases: 4,
};

describe('listChurnRisk and listCustomerValue', () => {
  let store: Store;
  beforeAll(async () => {
    store = await Store.open(':memory:');
  });
  afterAll(() => store.close());

  it('answers empty lists with null run fields before any run', async () => {
    expect(await listChurnRisk(store, { limit: 10, offset: 0 })).toEqual({
      items: [],
      total: 0,
      asOf: null,
      horizonDays: null,
      model: null,
      holdoutAuc: null,
      meanRisk: null,
    });
    expect(await listCustomerValue(store, { limit: 10, offset: 0 })).toEqual({
      items: [],
      total: 0,
      summary: null,
    });
  });

  it('lists the latest run, riskiest first (ties by person id), with names, CLV and paging', async () => {
    await store.run(
      `INSERT INTO persons (person_id, email, first_name, last_name, record_count, sources, updated_at) VALUES
       ('p1', 'a@x.test', 'Ann', 'Lee', 1, ['shop'], now()),
       ('p2', NULL, NULL, NULL, 1, ['shop'], now()),
       ('p3', 'c@x.test', 'Cy', NULL, 1, ['shop'], now())`,
    );
    await store.run(
      `INSERT INTO churn_risk VALUES
       ('p1', TIMESTAMP '2026-04-30', 0.9, NULL),
       ('p1', TIMESTAMP '2026-05-31', 0.5, '[{"feature":"late_deliveries","value":2,"contribution":0.4}]'),
       ('p2', TIMESTAMP '2026-05-31', 0.8, NULL),
       ('p3', TIMESTAMP '2026-05-31', 0.5, '[]')`,
    );
    await store.run(
      `INSERT INTO churn_risk_runs VALUES
       ('r1', TIMESTAMP '2026-04-30', TIMESTAMP '2026-03-31', 30, 'gbt', 10, 0.6, 1, TIMESTAMP '2026-06-01 09:00', '{"meanRisk":0.9}'),
       ('r2', TIMESTAMP '2026-05-31', TIMESTAMP '2026-05-01', 30, 'logistic', 10, 0.75, 3, TIMESTAMP '2026-06-02 09:00', '{"meanRisk":0.6}')`,
    );
    await store.run(
      `INSERT INTO customer_value VALUES
       ('p1', 2, 10, 20, 15, 0.9, 1.5, 30),
       ('p3', 0, 0, 5, 0, 1, 0.2, 30),
       ('p4', 1, 3, 8, 10, 0.4, 0.3, 5)`,
    );
    await store.run(
      `INSERT INTO customer_value_runs VALUES ('v1', TIMESTAMP '2026-05-31', 12, TIMESTAMP '2026-06-02', ?)`,
      [JSON.stringify(SUMMARY)],
    );

    const risk = await listChurnRisk(store, { limit: 2, offset: 0 });
    expect(risk).toMatchObject({
      total: 3,
      asOf: '2026-05-31',
      horizonDays: 30,
      model: 'logistic',
      holdoutAuc: 0.75,
      meanRisk: 0.6,
    });
    expect(risk.items).toEqual([
      { personId: 'p2', name: null, email: null, risk: 0.8, drivers: [], clv: null, pAlive: null },
      {
        personId: 'p1',
        name: 'Ann Lee',
        email: 'a@x.test',
        risk: 0.5,
        drivers: [{ feature: 'late_deliveries', value: 2, contribution: 0.4 }],
        clv: 30,
        pAlive: 0.9,
      },
    ]);
    const next = await listChurnRisk(store, { limit: 2, offset: 2 });
    expect(next.items.map((x) => [x.personId, x.name])).toEqual([['p3', 'Cy']]);
    expect(next.total).toBe(3);

    const value = await listCustomerValue(store, { limit: 10, offset: 0 });
    expect(value.total).toBe(3);
    expect(value.summary).toEqual(SUMMARY);
    expect(value.items.map((x) => [x.personId, x.clv, x.risk, x.name])).toEqual([
      ['p1', 30, 0.5, 'Ann Lee'],
      ['p3', 30, 0.5, 'Cy'],
      ['p4', 5, null, null],
    ]);
    expect(value.items[0]).toEqual({
      personId: 'p1',
      name: 'Ann Lee',
      email: 'a@x.test',
      frequency: 2,
      recency: 10,
      T: 20,
      monetary: 15,
      pAlive: 0.9,
      expectedPurchases: 1.5,
      clv: 30,
      risk: 0.5,
    });
    const page = await listCustomerValue(store, { limit: 1, offset: 1 });
    expect(page.items.map((x) => x.personId)).toEqual(['p3']);
  });
});
