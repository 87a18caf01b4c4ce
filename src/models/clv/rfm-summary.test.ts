import { describe, expect, it } from 'vitest';
import { buildRfmSummary, countHoldoutPurchases, type Transaction } from './rfm-summary.js';

// Hand-computed: calibration ends 2024-01-29 (Monday).
const TX: Transaction[] = [
  { customerId: 'a', at: '2024-01-01', amount: 10 },
  { customerId: 'a', at: '2024-01-01T18:00:00Z', amount: 5 }, // same day: collapses, first day
  { customerId: 'a', at: '2024-01-08', amount: 20 },
  { customerId: 'a', at: '2024-01-15T09:00:00Z', amount: 30 },
  { customerId: 'a', at: '2024-01-15T10:00:00Z', amount: 10 }, // same day: summed to 40
  { customerId: 'b', at: '2024-01-22', amount: 7 },
  { customerId: 'a', at: '2024-02-05', amount: 99 }, // after calibration end: ignored
  { customerId: 'c', at: '2024-02-01', amount: 1 }, // first seen after the end: absent
  { customerId: 'b', at: new Date('2024-01-29T23:59:00Z'), amount: 3 }, // on the end day: counts
];

describe('buildRfmSummary', () => {
  it('follows lifetimes semantics in days', () => {
    const s = buildRfmSummary(TX, { calibrationEnd: '2024-01-29', timeUnit: 'days' });
    expect(s.ids).toEqual(['a', 'b']);
    expect([...s.frequency]).toEqual([2, 1]);
    expect([...s.recency]).toEqual([14, 7]);
    expect([...s.T]).toEqual([28, 7]);
    // repeat days of a: 20 and 40 → mean 30; b: 3
    expect([...s.monetary]).toEqual([30, 3]);
  });
  it('divides day counts by 7 for weeks', () => {
    const s = buildRfmSummary(TX, {
      calibrationEnd: new Date('2024-01-29T12:00:00Z'),
      timeUnit: 'weeks',
    });
    expect([...s.recency]).toEqual([2, 1]);
    expect([...s.T]).toEqual([4, 1]);
  });
  it('gives frequency 0 and monetary 0 to one-time buyers', () => {
    const s = buildRfmSummary([{ customerId: 'z', at: 0, amount: 5 }], {
      calibrationEnd: '1970-01-11',
      timeUnit: 'days',
    });
    expect([s.frequency[0], s.recency[0], s.T[0], s.monetary[0]]).toEqual([0, 0, 10, 0]);
  });
  it('is empty without transactions, and names a bad date by its index', () => {
    expect(buildRfmSummary([], { calibrationEnd: '2024-01-01', timeUnit: 'days' }).ids).toEqual([]);
    expect(() =>
      buildRfmSummary(
        [
          { customerId: 'a', at: '2024-01-01' },
          { customerId: 'a', at: 'yesterday' },
        ],
        {
          calibrationEnd: '2024-01-01',
          timeUnit: 'days',
        },
      ),
    ).toThrow(
      expect.objectContaining({ code: 'INPUT_BAD_DATE', where: { index: 1, field: 'at' } }),
    );
  });
});

describe('countHoldoutPurchases', () => {
  it('counts distinct purchase days after the calibration end', () => {
    const h = countHoldoutPurchases(
      [
        ...TX,
        { customerId: 'a', at: '2024-02-05T20:00:00Z', amount: 1 },
        { customerId: 'b', at: '2024-03-01' },
      ],
      { calibrationEnd: '2024-01-29', holdoutEnd: '2024-02-29' },
    );
    expect(h.get('a')).toBe(1);
    expect(h.get('c')).toBe(1);
    expect(h.has('b')).toBe(false);
  });
});
