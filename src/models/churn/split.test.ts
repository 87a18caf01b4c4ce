import { describe, expect, it } from 'vitest';
import { splitByTime, stratifiedSplit } from './split.js';

describe('splitByTime', () => {
  const rows = [
    { id: 'a', at: '2024-01-01' },
    { id: 'b', at: '2024-02-01T00:00:00Z' },
    { id: 'c', at: '2024-03-01' },
  ];
  it('trains strictly before the cutoff and tests from it on', () => {
    const s = splitByTime(rows, '2024-02-01', (r) => r.at);
    expect(s.train.map((r) => r.id)).toEqual(['a']);
    expect(s.test.map((r) => r.id)).toEqual(['b', 'c']);
  });
  it('names a row with a bad date', () => {
    expect(() => splitByTime([{ at: 'soon' }], new Date(0), (r) => r.at)).toThrow(
      expect.objectContaining({ code: 'INPUT_BAD_DATE', where: { index: 0 } }),
    );
  });
});

describe('stratifiedSplit', () => {
  const labels = Array.from({ length: 1000 }, (_, i) => (i % 4 === 0 ? 1 : 0));
  it('holds out the same share of each class, reproducibly', () => {
    const a = stratifiedSplit(labels, 0.3, 42);
    const b = stratifiedSplit(labels, 0.3, 42);
    const c = stratifiedSplit(labels, 0.3, 43);
    expect([...a.test]).toEqual([...b.test]);
    expect([...a.test]).not.toEqual([...c.test]);
    expect(a.test.length).toBe(300);
    expect([...a.test].filter((i) => labels[i] === 1).length).toBe(75);
    expect(new Set([...a.train, ...a.test]).size).toBe(1000);
  });
  it('rejects a fraction outside (0, 1)', () => {
    expect(() => stratifiedSplit(labels, 1, 1)).toThrow(
      expect.objectContaining({ code: 'INPUT_BAD_OPTION' }),
    );
  });
});
