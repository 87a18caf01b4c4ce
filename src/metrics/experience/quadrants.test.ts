import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../store/index.js';
import { loadExperienceConfig } from './config.js';
import { fixtureStore } from './fixture.test-helper.js';
import { computeQuadrantTrend, readQuadrantTrend } from './quadrants.js';

describe('computeQuadrantTrend (hand-made fixture)', () => {
  let store: Store;
  beforeAll(async () => {
    store = await fixtureStore();
  });
  afterAll(() => store.close());

  it('scores every person at each date from the first activity on, with churn once the horizon has passed', async () => {
    const config = loadExperienceConfig({ churn: { horizon_days: 10 } });
    const rows = await computeQuadrantTrend(store, config, { everyDays: 10, points: 6 });
    // activity spans 2025-12-28 10:00 (P4's first order) to 2026-01-25 10:10 (P3's last event):
    // of the six dates 10 days apart ending there, the three before the first activity are left out
    const dates = [...new Set(rows.map((r) => r.asOf.toISOString()))];
    expect(dates).toEqual([
      '2026-01-05T10:10:00.000Z',
      '2026-01-15T10:10:00.000Z',
      '2026-01-25T10:10:00.000Z',
    ]);
    for (const d of dates) {
      const atDate = rows.filter((r) => r.asOf.toISOString() === d);
      expect(atDate.reduce((s, r) => s + r.persons, 0)).toBe(4);
    }
    // the last date's horizon lies past the data: churn not observable yet
    const last = rows.filter((r) => r.asOf.toISOString() === dates[2]);
    expect(last.every((r) => r.churned === null && r.churnRate === null)).toBe(true);
    const first = rows.filter((r) => r.asOf.toISOString() === dates[0]);
    expect(first.every((r) => r.churned !== null)).toBe(true);
    // Jan 5: P1, P2 (orders Jan 1, 2) and P4 (orders Dec 28, 29) were active; P1 (tickets) and P2
    // (an answer) came back by Jan 15, P4 never did
    expect(first.reduce((s, r) => s + r.active, 0)).toBe(3);
    expect(first.reduce((s, r) => s + (r.churned ?? 0), 0)).toBe(1);
    // the stored trend reads back the same rows
    expect(await readQuadrantTrend(store)).toEqual(rows);
  });
});
