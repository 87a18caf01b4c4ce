import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../store/index.js';
import { candidatePairsSql } from './blocking.js';
import { COMPARISONS, levelLabel, levelsQuery } from './comparisons.js';

describe('comparison levels (SQL)', () => {
  let store: Store;
  beforeAll(async () => {
    store = await Store.open(':memory:');
  });
  afterAll(() => store.close());

  async function levels(a: Record<string, string | null>, b: Record<string, string | null>) {
    const cols = COMPARISONS.map((c) => c.column);
    const row = () =>
      `SELECT ${cols.map((c) => (c === 'birth_date' ? `?::DATE AS ${c}` : `?::VARCHAR AS ${c}`)).join(', ')}`;
    const params = [...cols.map((c) => a[c] ?? null), ...cols.map((c) => b[c] ?? null)];
    const out = await store.one<Record<string, number>>(
      levelsQuery(`(${row()}) l, (${row()}) r`),
      params,
    );
    return Object.fromEntries(
      COMPARISONS.map((c) => [c.field, levelLabel(c, out?.[`g_${c.field}`] as number)]),
    );
  }

  it('labels known pairs', async () => {
    const got = await levels(
      {
        first_name: 'jonathan',
        last_name: 'smith',
        birth_date: '1980-03-04',
        postcode: '2000',
        phone: '+441234567890',
        email: 'a@x.org',
      },
      {
        first_name: 'jonathon',
        last_name: 'smyth',
        birth_date: '1980-04-03',
        postcode: '2001',
        phone: '+441234567809',
        email: null,
      },
    );
    expect(got).toMatchObject({
      first_name: 'jaro_winkler >= 0.92',
      last_name: 'jaro_winkler >= 0.8',
      birth_date: 'day and month transposed',
      postcode: 'levenshtein <= 1',
      phone: 'levenshtein <= 2',
      email: 'missing',
      address: 'missing',
    });
  });

  it('separates exact, two-of-three and same-year dates', async () => {
    const d = async (x: string, y: string) =>
      (await levels({ birth_date: x }, { birth_date: y })).birth_date;
    expect(await d('1990-05-06', '1990-05-06')).toBe('exact');
    expect(await d('1990-05-06', '1991-05-06')).toBe('two of day, month, year agree');
    expect(await d('1990-05-06', '1990-11-20')).toBe('same year');
    expect(await d('1990-05-06', '1970-11-20')).toBe('else');
  });
});

describe('candidatePairsSql', () => {
  it('unions rules, marks each pair with the rules that found it, and skips big blocks', async () => {
    const store = await Store.open(':memory:');
    try {
      await store.run(`CREATE OR REPLACE TEMP TABLE identity_records AS
        SELECT * FROM (VALUES (0, 'a', '1'), (1, 'a', '1'), (2, 'a', '2'), (3, 'b', '2')) t(rid, x, y)`);
      const rules = [
        { name: 'x', columns: ['x'], conditions: [] },
        { name: 'y', columns: ['y'], conditions: [] },
      ];
      const pairs = await store.all(
        `SELECT a, b, mask FROM (${candidatePairsSql(rules, { maxBlockSize: 10 })}) ORDER BY a, b`,
      );
      expect(pairs).toEqual([
        { a: 0, b: 1, mask: 3 },
        { a: 0, b: 2, mask: 1 },
        { a: 1, b: 2, mask: 1 },
        { a: 2, b: 3, mask: 2 },
      ]);
      const capped = await store.all(
        `SELECT a, b FROM (${candidatePairsSql(rules, { maxBlockSize: 2 })}) ORDER BY a, b`,
      );
      expect(capped).toEqual([
        { a: 0, b: 1 },
        { a: 2, b: 3 },
      ]);
      const incremental = await store.all(
        `SELECT a, b FROM (${candidatePairsSql(rules, { maxBlockSize: 10, newAfterRid: 2 })}) ORDER BY a, b`,
      );
      expect(incremental).toEqual([{ a: 2, b: 3 }]);
    } finally {
      store.close();
    }
  });
});
