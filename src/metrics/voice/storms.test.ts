import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../store/index.js';
import { scoreTexts } from './score-texts.js';
import { voiceStorms } from './storms.js';
import { insertCampaign, insertPosts, type TestPost } from './testing.js';

const DAY_MS = 86_400_000;
const START = Date.UTC(2026, 0, 5); // Monday
const day = (d: number, h = 10): string =>
  new Date(START + d * DAY_MS + h * 3_600_000).toISOString().replace('T', ' ').slice(0, 19);

const EVERYDAY = [
  'delivery was late again',
  'support never answered my email',
  'the app crashes when I log in',
];
const AD = [
  'that commercial is tone deaf',
  'your new advert is offensive',
  'who approved this commercial? terrible',
];

let store: Store;
beforeAll(async () => {
  store = await Store.open(':memory:');
  const posts: TestPost[] = [];
  for (let d = 0; d < 70; d++) {
    for (let k = 0; k < 3 + (d % 7 === 5 ? 3 : 0); k++) {
      posts.push({ id: `n${d}-${k}`, at: day(d, 8 + k), text: EVERYDAY[(d + k) % 3] as string });
    }
    posts.push({ id: `p${d}`, at: day(d), text: 'love the new blender, great quality' });
    posts.push({ id: `f${d}`, channel: 'facebook', at: day(d), text: 'fast delivery, happy' });
  }
  for (let d = 60; d < 62; d++) {
    for (let k = 0; k < 25; k++)
      posts.push({ id: `ad${d}-${k}`, at: day(d, 12), text: AD[k % 3] as string });
  }
  await insertPosts(store, posts);
  await insertCampaign(store, {
    id: 'c-ad',
    name: 'Summer ad',
    kind: 'ad',
    from: day(59),
    to: day(80),
    keywords: ['commercial', 'advert'],
  });
  await insertCampaign(store, {
    id: 'c-mail',
    name: 'Newsletter',
    kind: 'email',
    from: day(10),
    to: day(11),
    keywords: ['newsletter'],
  });
});
afterAll(() => store.close());

describe('voiceStorms', () => {
  it('finds the advert storm on its channel and blames the running campaign', async () => {
    const r = await voiceStorms(store);
    expect(r).toMatchObject({
      posts: 70 * 5 + 10 * 3 + 50,
      channels: ['facebook', 'twitter'],
      campaigns: 2,
    });
    expect(r.storms.map((s) => [s.channel, s.from, s.to, s.verdict])).toEqual([
      ['twitter', '2026-03-06', '2026-03-07', 'promotion'],
    ]);
    const s = r.storms[0];
    expect(s?.posts).toBe(50 + 3 + 6);
    expect(s?.campaigns[0]).toMatchObject({ campaignId: 'c-ad', overlapsDates: true });
    expect(s?.campaigns.find((c) => c.campaignId === 'c-mail')).toBeUndefined();
    expect(s?.explanation).toMatch(/^promotion: .*c-ad/);
    expect(s?.examples).toHaveLength(5);
    expect(s?.examples[0]).toMatchObject({ kind: 'post', source: 'social', channel: 'twitter' });
  });

  it('gives the same storms with stored labels (after scoreTexts) as without', async () => {
    const before = await voiceStorms(store);
    await scoreTexts(store, { kinds: ['post'] });
    expect(await voiceStorms(store)).toEqual(before);
  });

  it('keeps history before `from` for the baseline and filters storms by dates and channel', async () => {
    expect((await voiceStorms(store, { from: '2026-03-06' })).storms).toHaveLength(1);
    expect((await voiceStorms(store, { to: '2026-03-01' })).storms).toEqual([]);
    expect((await voiceStorms(store, { channel: 'facebook' })).storms).toEqual([]);
    expect((await voiceStorms(store, { zThreshold: 100 })).storms).toEqual([]);
  });
});
