// /api/ideas on the real API (in-memory store, app.inject): the ranking pages like every list,
// { items, total, limit, offset } with total = the number of clusters, and ?offset moves the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../test-app.test-helper.js';
import type { TopIdeasResponse } from './ideas.js';

// Five unrelated ideas (no shared words, no requests): five clusters, ranked by distinct voters
// I5 (5) > I4 (4) > I3 (3) > I2 (2) > I1 (1).
const IDEAS: [id: string, title: string, voters: string[]][] = [
  ['I1', 'Welsh language option', ['a']],
  ['I2', 'Gift wrapping at checkout', ['a', 'b']],
  ['I3', 'Dark mode in the app', ['a', 'b', 'c']],
  ['I4', 'Faster parcel tracking', ['a', 'b', 'c', 'd']],
  ['I5', 'Loyalty points for reviews', ['a', 'b', 'c', 'd', 'e']],
];

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp(async (store) => {
    for (const [id, title, voters] of IDEAS) {
      await store.run(
        `INSERT INTO ideas (source, source_id, customer_id, title, body, votes, voter_ids, status, created_at)
         VALUES ('forum', ?, 'a', ?, '', ?, string_split(?, ','), 'open', TIMESTAMP '2026-01-05 10:00:00')`,
        [id, title, voters.length, voters.join(',')],
      );
    }
  });
});
afterAll(() => t.close());

async function ideas(query: string) {
  const res = await t.get(`/api/ideas${query}`);
  expect(res.status, res.text).toBe(200);
  return res.body as TopIdeasResponse;
}

describe('GET /api/ideas', () => {
  it('pages the ranking: total is every cluster, offset moves the page, ranks stay global', async () => {
    const first = await ideas('?limit=2');
    expect([first.total, first.limit, first.offset, first.clusters]).toEqual([5, 2, 0, 5]);
    expect(first.items.map((c) => [c.rank, c.clusterId])).toEqual([
      [1, 'I5'],
      [2, 'I4'],
    ]);
    const second = await ideas('?limit=2&offset=2');
    expect([second.total, second.limit, second.offset]).toEqual([5, 2, 2]);
    expect(second.items.map((c) => [c.rank, c.clusterId])).toEqual([
      [3, 'I3'],
      [4, 'I2'],
    ]);
    const last = await ideas('?limit=2&offset=4');
    expect(last.items.map((c) => c.clusterId)).toEqual(['I1']);
    expect((await ideas('?offset=10')).items).toEqual([]);
  });

  it('defaults to the first 30', async () => {
    const all = await ideas('');
    expect([all.total, all.limit, all.offset, all.items.length]).toEqual([5, 30, 0, 5]);
  });
});
