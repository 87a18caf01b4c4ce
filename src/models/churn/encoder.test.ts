import { describe, expect, it } from 'vitest';
import { fitEncoder } from './encoder.js';

describe('fitEncoder', () => {
  const train = [
    { n: 1, c: 'x' },
    { n: '3', c: 'y' },
    { n: ' ', c: null },
  ];
  const enc = fitEncoder(train, [
    { name: 'n', kind: 'numeric' },
    { name: 'c', kind: 'categorical' },
  ]);
  it('standardises numerics, adds a missing indicator, one-hots categoricals', () => {
    expect(enc.columns).toEqual(['n', 'n=(missing)', 'c=(missing)', 'c=x', 'c=y']);
    const X = enc.encode(train);
    // mean 2, population sd 1
    expect([...X.data.slice(0, 5)]).toEqual([-1, 0, 0, 1, 0]);
    expect([...X.data.slice(5, 10)]).toEqual([1, 0, 0, 0, 1]);
    expect([...X.data.slice(10, 15)]).toEqual([0, 1, 1, 0, 0]);
  });
  it('encodes unseen levels as all zeros', () => {
    const X = enc.encode([{ n: 2, c: 'new' }]);
    expect([...X.data]).toEqual([0, 0, 0, 0, 0]);
  });
  it('reports a non-numeric value with row and field', () => {
    expect(() => enc.encode([{ n: '12,5O', c: 'x' }])).toThrow(
      expect.objectContaining({ code: 'INPUT_BAD_NUMBER', where: { index: 0, field: 'n' } }),
    );
  });
  it('applies log1p and reads another column', () => {
    const e = fitEncoder(
      [{ t: 0 }, { t: Math.E ** 2 - 1 }],
      [{ name: 'logT', column: 't', kind: 'numeric', transform: 'log1p' }],
    );
    // log1p values 0 and 2: mean 1, sd 1
    expect([...e.encode([{ t: 0 }, { t: Math.E - 1 }]).data]).toEqual([-1, 0]);
  });
  it('rejects duplicate feature names and empty training data', () => {
    expect(() =>
      fitEncoder(train, [
        { name: 'n', kind: 'numeric' },
        { name: 'n', kind: 'numeric' },
      ]),
    ).toThrow();
    expect(() => fitEncoder([], [{ name: 'n', kind: 'numeric' }])).toThrow(
      expect.objectContaining({ code: 'INPUT_EMPTY' }),
    );
  });
});
