import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../store/index.js';
import { wilsonInterval } from '../stats/proportion.js';
import { scoreTexts } from './score-texts.js';
import { voiceSummary } from './summary.js';
import { insertPosts, insertSurvey } from './testing.js';

let store: Store;
beforeAll(async () => {
  store = await Store.open(':memory:');
  // Week of 2026-03-02 (Mon): twitter 3 negative + 1 positive; facebook 1 positive.
  // Week of 2026-03-09: twitter 1 neutral; one French post (not scored).
  await insertPosts(store, [
    { id: 'a', at: '2026-03-02 10:00:00', text: 'Terrible delivery, very late' },
    { id: 'b', at: '2026-03-03 10:00:00', text: 'The app crashes all the time, awful' },
    { id: 'c', at: '2026-03-04 10:00:00', text: 'Rude support agent, horrible' },
    { id: 'd', at: '2026-03-05 10:00:00', text: 'Great price, love it' },
    { id: 'e', channel: 'facebook', at: '2026-03-06 10:00:00', text: 'Excellent service!' },
    { id: 'f', at: '2026-03-10 10:00:00', text: 'Where is the shop located' },
    {
      id: 'g',
      at: '2026-03-11 10:00:00',
      text: "Je suis très déçu, la commande n'est jamais arrivée et le service client ne répond pas.",
    },
  ]);
  await insertSurvey(store, 's', '2026-03-03 10:00:00', 'Not happy with the delivery');
  await scoreTexts(store);
});
afterAll(() => store.close());

describe('voiceSummary', () => {
  it('known answer: weekly counts and Wilson shares per channel', async () => {
    const s = await voiceSummary(store, { kinds: ['post'] });
    expect(s.totals).toEqual({ texts: 7, scored: 6, unscored: 1, pending: 0 });
    expect(
      s.trend.map((r) => [r.period, r.channel, r.n, r.negative, r.neutral, r.positive]),
    ).toEqual([
      ['2026-03-02', 'facebook', 1, 0, 0, 1],
      ['2026-03-02', 'twitter', 4, 3, 0, 1],
      ['2026-03-09', 'twitter', 1, 0, 1, 0],
    ]);
    const tw = s.trend[1];
    expect(tw?.negativeShare).toEqual(wilsonInterval(3, 4));
    expect(tw?.positiveShare.rate).toBe(0.25);
    expect(s.languages).toEqual([{ language: 'fr', texts: 1, share: 1 / 7 }]);
  });

  it('filters by days and channel, and reports per day', async () => {
    const s = await voiceSummary(store, {
      from: '2026-03-03',
      to: '2026-03-04',
      channel: 'twitter',
      period: 'day',
    });
    expect(s.trend.map((r) => [r.period, r.n, r.negative])).toEqual([
      ['2026-03-03', 1, 1],
      ['2026-03-04', 1, 1],
    ]);
    expect(s.totals.texts).toBe(2);
  });

  it('aspect sentiment table over all kinds', async () => {
    const s = await voiceSummary(store);
    const delivery = s.aspects.find((a) => a.aspect === 'delivery');
    expect(delivery).toMatchObject({ n: 2, negative: 2 });
    expect(s.aspects.find((a) => a.aspect === 'price')).toMatchObject({ n: 1, positive: 1 });
  });

  it('counts texts waiting to be scored, and handles an empty store', async () => {
    await insertSurvey(store, 's2', '2026-03-12 10:00:00', 'Lovely staff');
    expect((await voiceSummary(store)).totals.pending).toBe(1);
    const empty = await Store.open(':memory:');
    const s = await voiceSummary(empty);
    expect(s).toMatchObject({ trend: [], aspects: [], languages: [], totals: { texts: 0 } });
    empty.close();
  });

  it('rejects a bad date with a stable code', async () => {
    await expect(voiceSummary(store, { from: '03/02/2026' })).rejects.toMatchObject({
      code: 'INPUT_BAD_OPTION',
    });
  });
});
