import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../lib/random.js';
import { dailyStats, detectSpikes, median, weekdayFactorsOf } from './spikes.js';
import { detectStorms, type StormCampaign, type StormPost } from './storms.js';

const DAY_MS = 86_400_000;
const START = Date.UTC(2024, 0, 1); // Monday

function poisson(rand: () => number, lambda: number): number {
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rand();
  } while (p > l);
  return k - 1;
}

const EVERYDAY_NEGATIVE = [
  'delivery was late again',
  'support never answered my email',
  'the app crashes when I log in',
  'I was on hold for an hour, terrible service',
  'package arrived damaged',
  'still waiting for my refund',
  'checkout failed twice, annoying',
  'the price went up again, too expensive',
];
const EVERYDAY_POSITIVE = ['love the new blender', 'great service, thanks', 'fast delivery, happy'];
const AD_STORM = [
  'your new TV ad is offensive',
  'that commercial is tone deaf',
  'the summer smoothie ad is awful, pull it',
  'disgusting advert, shame on you',
  'who approved this commercial? terrible',
];
const PRODUCT_STORM = [
  'the blender cracked after two days',
  'defective lid, it leaks everywhere',
  'my blender broke on the first use',
  'jar cracked, terrible quality',
  'motor died after a week, defective batch',
];

function pick<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)] as T;
}

/** 16 weeks; weekends carry twice the weekday complaints (seasonality, not storms). */
function baselinePosts(channel: string, seed: number, weeks = 16): StormPost[] {
  const rand = mulberry32(seed);
  const posts: StormPost[] = [];
  for (let d = 0; d < weeks * 7; d++) {
    const weekend = d % 7 >= 5;
    const neg = poisson(rand, weekend ? 14 : 6);
    const pos = poisson(rand, 5);
    for (let k = 0; k < neg + pos; k++) {
      posts.push({
        id: `${channel}-${d}-${k}`,
        channel,
        postedAt: new Date(START + d * DAY_MS + k * 60_000).toISOString(),
        text: k < neg ? pick(rand, EVERYDAY_NEGATIVE) : pick(rand, EVERYDAY_POSITIVE),
      });
    }
  }
  return posts;
}

function burst(
  channel: string,
  seed: number,
  fromDay: number,
  perDay: number[],
  texts: string[],
): StormPost[] {
  const rand = mulberry32(seed);
  const out: StormPost[] = [];
  perDay.forEach((n, i) => {
    for (let k = 0; k < n; k++) {
      out.push({
        id: `${channel}-burst-${fromDay + i}-${k}`,
        channel,
        postedAt: new Date(START + (fromDay + i) * DAY_MS + 3_600_000 + k * 1000),
        text: pick(rand, texts),
      });
    }
  });
  return out;
}

const AD_DAY = 9 * 7 + 2; // Wednesday of week 10
const BATCH_DAY = 13 * 7 + 1; // Tuesday of week 14
const CAMPAIGNS: StormCampaign[] = [
  {
    campaignId: 'c-summer',
    name: 'Summer Smoothie TV spot',
    kind: 'ad',
    startsAt: new Date(START + (AD_DAY - 1) * DAY_MS).toISOString(),
    endsAt: new Date(START + (AD_DAY + 20) * DAY_MS).toISOString(),
    keywords: ['summer smoothie', 'ad', 'commercial', 'advert'],
  },
  {
    campaignId: 'c-newsletter',
    name: 'Spring newsletter',
    kind: 'email',
    startsAt: new Date(START + 20 * DAY_MS).toISOString(),
    endsAt: new Date(START + 22 * DAY_MS).toISOString(),
    keywords: ['newsletter'],
  },
];

describe('median / detectSpikes', () => {
  it('median of odd and even lengths', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBe(0);
  });

  it('known answer: flat history uses the Poisson floor; z is the smaller of the two scores', () => {
    const counts = [...new Array<number>(42).fill(9), 30];
    const [ep] = detectSpikes(counts, 0, { minCount: 1 });
    expect(ep?.fromDay).toBe(42);
    expect(ep?.days[0]?.baseline).toBe(9);
    expect(ep?.days[0]?.scale).toBe(3); // MAD = 0 → √9
    // robust z = 21 / 3 = 7; Anscombe z = 2(√30.375 − √9.375) ≈ 4.90
    expect(ep?.days[0]?.z).toBeCloseTo(2 * (Math.sqrt(30.375) - Math.sqrt(9.375)), 12);
  });

  it('judges a day on same-weekday history when it has minWeeks, on all days before that', () => {
    const counts = [...new Array<number>(35).fill(9), 90];
    const [ep] = detectSpikes(counts, 0);
    expect(ep?.days[0]).toMatchObject({ day: 35, baseline: 9, basis: 'all_days' });
    expect(detectSpikes(counts, 0, { minWeeks: 5 })[0]?.days[0]?.basis).toBe('weekday');
    // Under minDays of history, nothing is judged.
    expect(detectSpikes(counts, 0, { minDays: 36 })).toEqual([]);
    expect(detectSpikes([...new Array<number>(14).fill(9), 90], 0)).toEqual([]);
  });

  it('all-days baseline: weekday factors scale it, so weekends are not storms', () => {
    // Four weeks, weekends twice the weekdays; day 0 is epoch day 4, a Monday.
    const week = [5, 5, 5, 5, 5, 10, 10];
    const counts = Array.from({ length: 28 }, (_, i) => week[i % 7] ?? 0);
    const factors = weekdayFactorsOf(counts, 4);
    expect(factors[5]).toBeGreaterThan(1.3);
    expect(factors[0]).toBeLessThan(0.9);
    expect(detectSpikes(counts, 4, { weekdayFactors: factors })).toEqual([]);
    const stats = dailyStats(counts, 4, { weekdayFactors: factors });
    const saturday = stats.find((s) => s.day === 4 + 26);
    const monday = stats.find((s) => s.day === 4 + 21);
    expect(saturday?.baseline).toBeGreaterThan(1.4 * (monday?.baseline ?? 0));
  });

  it('a storm of several days is found on its sums and spans all its days', () => {
    // Baseline 2 a day; a 5-day storm of 9, 7, 8, 6, 8: single days stay under z = 4 (or 10
    // posts), the run does not; the storm covers the five days, its quieter days included.
    const counts = [
      ...new Array<number>(60).fill(2),
      9,
      7,
      8,
      6,
      8,
      ...new Array<number>(20).fill(2),
    ];
    expect(detectSpikes(counts, 4, { maxRun: 1 })).toEqual([]);
    const eps = detectSpikes(counts, 4);
    expect(eps.map((e) => [e.fromDay - 4, e.toDay - 4])).toEqual([[60, 64]]);
  });

  it('quiet channels raise no storm: 0 in 30,800 simulated days, short histories included', () => {
    // 100 channels × 16 weeks (Poisson 6 on weekdays, 14 at weekends), 100 × 16 weeks at
    // Poisson 1.5, and 200 × 6 weeks (6 / 14: every day judged on the all-days baseline before
    // week 6). Factors are estimated on the sum of the channels, as detectStorms does.
    const rand = mulberry32(99);
    const sets = [
      { channels: 100, weeks: 16, wd: 6, we: 14 },
      { channels: 100, weeks: 16, wd: 1.5, we: 1.5 },
      { channels: 200, weeks: 6, wd: 6, we: 14 },
    ];
    let days = 0;
    let storms = 0;
    for (const c of sets) {
      const chans = Array.from({ length: c.channels }, () =>
        Array.from({ length: c.weeks * 7 }, (_, d) => poisson(rand, d % 7 >= 5 ? c.we : c.wd)),
      );
      const sum = (chans[0] ?? []).map((_, d) => chans.reduce((s, ch) => s + (ch[d] ?? 0), 0));
      const weekdayFactors = weekdayFactorsOf(sum, 4);
      for (const ch of chans) storms += detectSpikes(ch, 4, { weekdayFactors }).length;
      days += c.channels * c.weeks * 7;
    }
    expect(days).toBe(30_800);
    expect(storms).toBe(0);
  });

  it('does not flag weekly seasonality, and merges consecutive spike days', () => {
    const week = [5, 5, 5, 5, 5, 20, 20];
    const counts = Array.from({ length: 8 * 7 }, (_, i) => week[i % 7] ?? 0);
    expect(detectSpikes(counts, 0)).toEqual([]);
    counts[50] = 40;
    counts[51] = 45;
    const eps = detectSpikes(counts, 0);
    expect(eps).toHaveLength(1);
    expect([eps[0]?.fromDay, eps[0]?.toDay]).toEqual([50, 51]);
  });
});

describe('detectStorms', () => {
  const posts = [
    ...baselinePosts('twitter', 11),
    ...baselinePosts('forum', 12),
    ...burst('twitter', 21, AD_DAY, [45, 60, 30], AD_STORM),
    ...burst('twitter', 22, BATCH_DAY, [35, 50, 40], PRODUCT_STORM),
  ];
  const storms = detectStorms(posts, CAMPAIGNS);

  it('finds exactly the two planted storms, on the right channel and days', () => {
    expect(storms.map((s) => [s.channel, s.from, s.to, s.verdict])).toEqual([
      ['twitter', '2024-03-06', '2024-03-08', 'promotion'],
      ['twitter', '2024-04-02', '2024-04-04', 'product'],
    ]);
  });

  it('attributes the advert storm to the promotion and the campaign', () => {
    const ad = storms[0];
    expect(ad?.verdict).toBe('promotion');
    expect(ad?.evidence.promotion).toBeGreaterThan(0.5);
    expect(ad?.evidence.promotion).toBeGreaterThan(ad?.evidence.product ?? 1);
    expect(ad?.aspects[0]?.aspect).toBe('advertising_promotion');
    expect(ad?.aspects[0]?.z).toBeGreaterThan(5);
    const summer = ad?.campaigns.find((c) => c.campaignId === 'c-summer');
    expect(summer).toMatchObject({ overlapsDates: true });
    expect(summer?.keywordShare).toBeGreaterThan(0.5);
    expect(summer?.keywordsInTopTerms).toEqual(expect.arrayContaining(['commercial']));
    expect(ad?.campaigns.find((c) => c.campaignId === 'c-newsletter')).toBeUndefined();
    const top = ad?.terms.slice(0, 8).map((t) => t.term) ?? [];
    expect(top).toEqual(expect.arrayContaining(['commercial']));
  });

  it('attributes the defective-batch storm to the product', () => {
    const batch = storms[1];
    expect(batch?.verdict).toBe('product');
    expect(batch?.evidence.product).toBeGreaterThan(0.5);
    expect(batch?.aspects[0]?.aspect).toBe('product');
    const top = batch?.terms.slice(0, 8).map((t) => t.term) ?? [];
    expect(
      top.some((t) => t.includes('blender') || t.includes('cracked') || t.includes('defective')),
    ).toBe(true);
    // the ad campaign is still running but its keywords are absent from these posts
    const summer = batch?.campaigns.find((c) => c.campaignId === 'c-summer');
    expect(summer?.keywordShare ?? 0).toBeLessThan(0.05);
  });

  it('finds a storm spread thin over channels in their sum (channel "all")', () => {
    const channels = ['twitter', 'facebook', 'reviews'];
    const thin = [
      ...channels.flatMap((c, i) => baselinePosts(c, 300 + i)),
      ...channels.flatMap((c, i) => burst(c, 310 + i, 71, [5, 6, 5], PRODUCT_STORM)),
    ];
    const found = detectStorms(thin);
    expect(found.map((s) => [s.channel, s.verdict])).toEqual([['all', 'product']]);
    expect(found[0]?.from).toBe('2024-03-12');
    expect(detectStorms(thin, [], { acrossChannels: false })).toEqual([]);
  });

  it('quiet weeks and channels yield no storm', () => {
    expect(detectStorms(baselinePosts('forum', 12), CAMPAIGNS)).toEqual([]);
    const quiet = Array.from({ length: 10 }, (_, i) =>
      baselinePosts(`channel-${i}`, 100 + i),
    ).flat();
    expect(detectStorms(quiet).map((s) => s.days)).toEqual([]);
    expect(detectStorms([])).toEqual([]);
  });

  it('uses given sentiment labels instead of scoring', () => {
    const labelled = posts.map((p) => ({ ...p, sentimentLabel: 'positive' as const }));
    expect(detectStorms(labelled, CAMPAIGNS)).toEqual([]);
  });

  it('rejects bad dates with a stable code and the item index', () => {
    expect(() =>
      detectStorms([{ id: '1', channel: 'x', postedAt: 'yesterday', text: 'bad' }]),
    ).toThrow(
      expect.objectContaining({ code: 'INPUT_BAD_DATE', where: { field: 'postedAt', index: 0 } }),
    );
  });
});
