import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../store/index.js';
import { scoreTexts } from './score-texts.js';
import { insertIdea, insertPosts, insertTicket } from './testing.js';
import { voiceTopics } from './topics.js';

let store: Store;
beforeAll(async () => {
  store = await Store.open(':memory:');
  const posts = [];
  for (let i = 0; i < 30; i++) {
    const day = String(2 + (i % 14)).padStart(2, '0');
    posts.push({
      id: `r${i}`,
      at: `2026-03-${day} 10:00:00`,
      text: `password reset email never arrives ${i % 3 ? 'again' : 'today'}`,
    });
    posts.push({
      id: `d${i}`,
      at: `2026-03-${day} 11:00:00`,
      text: `please add dark mode to the app ${i % 2 ? 'soon' : 'now'}`,
    });
  }
  await insertPosts(store, posts);
  await insertTicket(
    store,
    't1',
    '2026-03-05 09:00:00',
    'Password reset',
    'The reset email never arrives',
  );
  await insertIdea(store, 'i1', '2026-03-06 08:00:00', 'Dark mode', 'Add a dark mode to the app');
  await scoreTexts(store);
});
afterAll(() => store.close());

describe('voiceTopics', () => {
  it('finds the two themes across posts, tickets and ideas, with trend and examples', async () => {
    const t = await voiceTopics(store, { k: 2, period: 'week' });
    expect(t.texts).toBe(62);
    expect(t.topics).toHaveLength(2);
    const labels = t.topics.map((x) => x.label).join(' | ');
    expect(labels).toMatch(/password|reset|email/);
    expect(labels).toMatch(/dark|mode/);
    const reset = t.topics.find((x) => /reset|password/.test(x.label));
    expect(reset?.size).toBe(31);
    expect(reset?.byKind).toEqual({ post: 30, ticket: 1 });
    expect(reset?.trend.reduce((a, b) => a + b, 0)).toBe(31);
    expect(reset?.trend).toHaveLength(t.periods.length);
    expect(t.periods[0]).toBe('2026-03-02');
    expect(reset?.examples).toHaveLength(3);
    expect(reset?.examples[0]?.text).toMatch(/reset/);
    expect(reset?.negativeShare).not.toBeNull();
  });

  it('is deterministic for a seed and respects the filters', async () => {
    const a = await voiceTopics(store, { k: 2, seed: 7 });
    const b = await voiceTopics(store, { k: 2, seed: 7 });
    expect(a).toEqual(b);
    const onlyIdeas = await voiceTopics(store, { kinds: ['idea'] });
    expect(onlyIdeas.texts).toBe(1);
    const none = await voiceTopics(store, { from: '2027-01-01' });
    expect(none).toMatchObject({ texts: 0, topics: [] });
  });
});
