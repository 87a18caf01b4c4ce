import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../store/index.js';
import { clusterIdeas, isRequest } from './cluster-ideas.js';
import { stem } from './similarity.js';
import { ideaCluster, topIdeas } from './top-ideas.js';

const IDEAS = [
  'Dark mode in the app. Please add a dark mode, the app is blinding in the evening.',
  'Please add a night theme. Easier on the eyes after sunset.',
  'Gift wrapping option. Offer gift wrapping with a note at checkout.',
  'Add gift wrap at checkout. Send presents wrapped with a card.',
  'Welsh language option. Please offer the site in Welsh.',
];
const REQUESTS = [
  'Please add dark mode to the app, night theme would do',
  'Why does the app still not have a dark mode or night theme?',
  'Any chance of a night theme? Dark mode please, too bright at night',
  'Nice app but missing a dark mode',
];

describe('clusterIdeas', () => {
  it('joins duplicates by words and by the requests that point at both', () => {
    const m = clusterIdeas(IDEAS, REQUESTS);
    const sets = m.clusters.map((c) => c.join(',')).sort();
    expect(sets).toEqual(['0,1', '2,3', '4']);
    // every request counted once, for the dark-mode cluster
    expect(m.matches).toHaveLength(4);
    expect(new Set(m.matches.map((x) => x.cluster))).toEqual(new Set([m.clusterOf[0]]));
  });

  it('keeps worded-apart ideas apart without shared requests', () => {
    const m = clusterIdeas(IDEAS, []);
    expect(m.clusters.map((c) => c.join(',')).sort()).toEqual(['0', '1', '2,3', '4']);
  });

  it('recognises requests and stems words', () => {
    expect(isRequest('Nice app but desperately needs a dark mode.')).toBe(true);
    expect(isRequest('Feature request: dark mode')).toBe(true);
    expect(isRequest('My order is late again')).toBe(false);
    expect([
      stem('wrapping'),
      stem('wrapped'),
      stem('wrap'),
      stem('themes'),
      stem('glass'),
    ]).toEqual(['wrap', 'wrap', 'wrap', 'theme', 'glass']);
  });
});

describe('topIdeas', () => {
  let store: Store;
  beforeAll(async () => {
    store = await Store.open(':memory:');
    const rows: [string, string, string, string[], string][] = [
      ['I1', IDEAS[0] ?? '', 'open', ['a', 'b', 'c'], '2026-01-01'],
      ['I2', IDEAS[1] ?? '', 'under_review', ['b', 'c', 'd'], '2026-01-02'],
      ['I3', IDEAS[2] ?? '', 'open', ['e', 'f', 'g', 'h'], '2026-01-03'],
      ['I4', IDEAS[3] ?? '', 'open', ['a'], '2026-01-04'],
      ['I5', IDEAS[4] ?? '', 'declined', ['x', 'y'], '2026-01-05'],
    ];
    for (const [id, text, status, voters, day] of rows) {
      const [title, ...body] = text.split('. ');
      await store.run(
        `INSERT INTO ideas (source, source_id, customer_id, title, body, votes, voter_ids, status, created_at)
         VALUES ('forum', $1, 'a', $2, $3, $4, string_split($5, ','), $6, CAST($7 AS TIMESTAMP))`,
        [id, title ?? '', body.join('. '), voters.length, voters.join(','), status, day],
      );
    }
    for (const [i, text] of REQUESTS.entries()) {
      await store.run(
        `INSERT INTO posts (source, source_id, customer_id, channel, text, posted_at)
         VALUES ('social', $1, $2, 'twitter', $3, TIMESTAMP '2026-01-10 10:00:00')`,
        [`P${i}`, `s${i}`, text],
      );
    }
  });
  afterAll(() => store.close());

  it('counts distinct voters apart from votes and ranks clusters by them', async () => {
    const r = await topIdeas(store, {});
    expect(r.personBasis).toBe('source_record');
    expect(r.valueBasis).toBe('none');
    expect(r.clusters).toBe(3);
    const [second, first, third] = r.items;
    // dark mode: votes 3 + 3 = 6, voters {a, b, c, d} = 4, asked for in 4 posts
    expect(first).toMatchObject({
      clusterId: 'I1',
      votes: 6,
      voters: 4,
      posts: 4,
      tickets: 0,
      places: 2,
    });
    expect(first?.statuses).toEqual({ open: 1, under_review: 1 });
    // gift: votes 4 + 1 = 5, voters {e, f, g, h, a} = 5 → ranks first by voters
    expect(second).toMatchObject({ clusterId: 'I3', votes: 5, voters: 5 });
    expect(r.items.map((c) => c.clusterId)).toEqual(['I3', 'I1', 'I5']);
    expect(third?.voters).toBe(2);
    expect(r.notes.join(' ')).toMatch(/CLV/);
  });

  it('ranks by votes on request and shows one cluster with its requests', async () => {
    const byVotes = await topIdeas(store, { rankBy: 'votes' });
    expect(byVotes.items[0]?.clusterId).toBe('I1');
    const d = await ideaCluster(store, { id: 'I2' });
    expect(d.cluster.clusterId).toBe('I1');
    expect(d.requests.map((q) => q.sourceId).sort()).toEqual(['P0', 'P1', 'P2', 'P3']);
    await expect(ideaCluster(store, { id: 'nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND_IDEA',
    });
  });
});
