import { describe, expect, it } from 'vitest';
import { compareCsat, computeCsat } from './csat.js';

describe('CSAT (top-2-box, Wilson)', () => {
  it('is null with no answers', () => {
    expect(computeCsat([])).toEqual({ satisfied: 0, n: 0, csat: null, low: null, high: null });
  });

  it('2 of 5 satisfied: 0.4 with the Wilson interval (0.1176, 0.7693)', () => {
    const r = computeCsat([5, 4, 3, 2, 1]);
    expect(r).toMatchObject({ satisfied: 2, n: 5, csat: 0.4 });
    expect(r.low).toBeCloseTo(0.1176, 4);
    expect(r.high).toBeCloseTo(0.7693, 4);
  });

  it('one answer; ties at the cut (4 counts); missing and out-of-range skipped', () => {
    expect(computeCsat([4])).toMatchObject({ n: 1, csat: 1 });
    expect(computeCsat([null, 0, 6, Number.NaN, 3.99, 4]).n).toBe(2);
    expect(computeCsat([null, 0, 6, 3.99, 4]).satisfied).toBe(1);
  });

  it('tests the change between periods', () => {
    const c = compareCsat({ satisfied: 80, n: 100 }, { satisfied: 60, n: 100 });
    expect(c.diff).toBeCloseTo(-0.2, 10);
    expect(c.significant).toBe(true);
    expect(compareCsat({ satisfied: 5, n: 10 }, { satisfied: 5, n: 10 }).significant).toBe(false);
    expect(compareCsat({ satisfied: 0, n: 0 }, { satisfied: 5, n: 10 }).diff).toBeNull();
  });
});
