import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../store/index.js';
import { scoreScatter } from './score-scatter.js';

describe('scoreScatter', () => {
  let store: Store;
  beforeAll(async () => {
    store = await Store.open(':memory:');
    // 10 persons: p0–p5 loyal, p6–p9 silent_at_risk; scores with two decimals to see the rounding.
    // person_scores is a view a score run defines; here a table with the same columns stands in
    await store.run('DROP VIEW person_scores');
    await store.run(
      `CREATE TABLE person_scores AS
       SELECT 'p' || i AS person_id, TIMESTAMP '2026-05-31' AS as_of, 10 * i + 0.26 AS experience,
         100 - 10 * i - 0.04 AS engagement, 0 AS voice, 0 AS bad_signals,
         CASE WHEN i < 6 THEN 'loyal' ELSE 'silent_at_risk' END AS quadrant,
         NULL::TIMESTAMP AS last_active_at, i + 1 AS pidx, 0 AS signal_mask, 0 AS engagement_raw
       FROM range(10) t(i)`,
    );
  });
  afterAll(() => store.close());

  it('draws every person, scores rounded to 0.1, when there are no more than maxPoints', async () => {
    const s = await scoreScatter(store);
    expect(s.sampled).toBe(false);
    expect(s.quadrants.map((q) => [q.quadrant, q.persons])).toEqual([
      ['loyal', 6],
      ['silent_at_risk', 4],
    ]);
    expect(s.points).toHaveLength(10);
    expect(s.points.find((p) => p.personId === 'p3')).toEqual({
      personId: 'p3',
      quadrant: 'loyal',
      experience: 30.3,
      engagement: 70,
    });
    expect((await scoreScatter(store, { maxPoints: 10 })).sampled).toBe(false);
  });

  it('samples exactly maxPoints persons past it, the same ones every time', async () => {
    const a = await scoreScatter(store, { maxPoints: 4 });
    const b = await scoreScatter(store, { maxPoints: 4 });
    expect(a.sampled).toBe(true);
    expect(a.points).toHaveLength(4);
    expect(new Set(a.points.map((p) => p.personId)).size).toBe(4);
    expect(b.points).toEqual(a.points);
    expect(a.quadrants.reduce((n, q) => n + q.persons, 0)).toBe(10);
  });

  it('rejects a sample size that is not a whole number ≥ 1', async () => {
    for (const maxPoints of [0, 2.5, Number.NaN]) {
      await expect(scoreScatter(store, { maxPoints })).rejects.toMatchObject({
        code: 'INPUT_BAD_OPTION',
      });
    }
  });

  it('answers no quadrants and no points on an empty table', async () => {
    const empty = await Store.open(':memory:');
    try {
      expect(await scoreScatter(empty)).toEqual({ quadrants: [], points: [], sampled: false });
    } finally {
      empty.close();
    }
  });
});
