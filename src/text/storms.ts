// Storm detection: spikes of negative post volume per channel, and what set them off.
// 1. Label each post (its sentimentLabel, else scoreSentiment); count negative posts per channel
//    per UTC day; find spike episodes with spikes.ts (same-weekday median baseline, MAD scale;
//    with under six weeks of history, an all-days baseline with weekday factors estimated on the
//    sum of every channel; runs of days scored on their sums, so a storm spans its days).
// 2. Reference period: negative posts on the same channel in the `baselineWeeks` weeks before
//    the storm. Terms (unigrams + bigrams) are compared by weighted log-odds with an informative
//    Dirichlet prior (log-odds.ts); aspects (aspects.ts) by the share of posts mentioning them.
// 3. Campaigns overlap by dates (running during the storm or ending at most `campaignLagDays`
//    before it) and by keywords (share of storm posts containing one of the campaign keywords).
// 4. Verdict = the explanation with the largest excess share (storm share − reference share):
//    promotion (advertising aspect, or keywords of a campaign overlapping in dates), product,
//    service, delivery, website (website/app or checkout/payment aspects). Every number is kept.
// Channels are also summed (channel 'all') to catch storms spread thin over several channels.
// Assumptions: one post is one voice; counts are per UTC day; storms are shorter than the baseline.

import { InputError } from '../lib/errors.js';
import { type AspectTaxonomy, DEFAULT_TAXONOMY } from './aspect-taxonomy.js';
import { aspectsOf, compileTaxonomy } from './aspects.js';
import { dayNumber, dayString, toEpochMs } from './dates.js';
import { type LogOddsTerm, type ShareContrast, shareLogOdds, weightedLogOdds } from './log-odds.js';
import { type SentimentLabel, scoreSentiment } from './sentiment.js';
import { type DayStat, detectSpikes, type SpikeOptions, weekdayFactorsOf } from './spikes.js';
import { extractTerms } from './tfidf.js';
import { tokenizeWords } from './tokenize.js';

export interface StormPost {
  id: string;
  channel: string;
  postedAt: Date | string;
  text: string;
  sentimentLabel?: SentimentLabel;
}

export interface StormCampaign {
  campaignId: string;
  name: string;
  kind: string;
  startsAt: Date | string;
  endsAt: Date | string;
  keywords: string[];
}

export interface StormOptions extends SpikeOptions {
  taxonomy?: AspectTaxonomy;
  /** Terms reported per storm (default 15). */
  topTerms?: number;
  /** Dirichlet prior strength α0 for term log-odds (default 1000). */
  priorStrength?: number;
  /** A campaign ending this many days before a storm still counts as overlapping (default 3). */
  campaignLagDays?: number;
  /**
   * Also look for storms in the sum over all channels, reported as channel ALL_CHANNELS when no
   * single-channel storm covers all its days (default true): a defective product makes people
   * complain everywhere at once, a little on each channel.
   */
  acrossChannels?: boolean;
}

/** Channel name of storms found in the sum over all channels. */
export const ALL_CHANNELS = 'all';

export const STORM_VERDICTS = ['product', 'promotion', 'service', 'delivery', 'website'] as const;
export type StormVerdict = (typeof STORM_VERDICTS)[number];

export interface AspectEvidence extends ShareContrast {
  aspect: string;
  focusPosts: number;
}

export interface CampaignEvidence {
  campaignId: string;
  name: string;
  kind: string;
  overlapsDates: boolean;
  /** Share of storm posts containing a campaign keyword, and the same in the reference period. */
  keywordShare: number;
  referenceKeywordShare: number;
  /** Campaign keywords among the storm's over-represented terms (z > 1.96). */
  keywordsInTopTerms: string[];
}

export interface Storm {
  channel: string;
  from: string;
  to: string;
  days: (Omit<DayStat, 'day'> & { date: string })[];
  postIds: string[];
  referencePosts: number;
  terms: LogOddsTerm[];
  aspects: AspectEvidence[];
  campaigns: CampaignEvidence[];
  verdict: StormVerdict;
  /** Excess share (storm − reference) behind each possible verdict. */
  evidence: Record<StormVerdict, number>;
}

interface ParsedPost {
  id: string;
  day: number;
  text: string;
  negative: boolean;
}

const VERDICT_ASPECTS: Record<Exclude<StormVerdict, 'promotion'>, string[]> = {
  product: ['product'],
  service: ['service'],
  delivery: ['delivery'],
  website: ['website_app', 'checkout_payment'],
};

function countTerms(posts: readonly ParsedPost[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const p of posts) for (const t of extractTerms(p.text, true)) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

function mentions(text: string, keywords: readonly string[][]): boolean {
  const words = tokenizeWords(text);
  const joined = ` ${words.join(' ')} `;
  return keywords.some((k) => k.length > 0 && joined.includes(` ${k.join(' ')} `));
}

function excessShare(
  ev: readonly AspectEvidence[],
  aspects: readonly string[],
  focus: ParsedPost[],
  ref: ParsedPost[],
  taxonomy: AspectTaxonomy,
): number {
  if (aspects.length === 1) {
    const e = ev.find((x) => x.aspect === aspects[0]);
    return e === undefined ? 0 : e.focusShare - e.referenceShare;
  }
  const set = new Set(aspects);
  const share = (posts: ParsedPost[]): number =>
    posts.length === 0
      ? 0
      : posts.filter((p) => aspectsOf(p.text, taxonomy).some((a) => set.has(a))).length /
        posts.length;
  return share(focus) - share(ref);
}

function parsePosts(posts: readonly StormPost[]): Map<string, ParsedPost[]> {
  const byChannel = new Map<string, ParsedPost[]>();
  posts.forEach((p, index) => {
    if (typeof p.channel !== 'string' || p.channel.length === 0) {
      throw new InputError(
        'INPUT_MISSING_FIELD',
        `post ${index} field "channel": missing (expected a channel name)`,
        {
          where: { index, field: 'channel' },
        },
      );
    }
    const day = dayNumber(toEpochMs(p.postedAt, { field: 'postedAt', index }));
    const label = p.sentimentLabel ?? scoreSentiment(p.text).label;
    const list = byChannel.get(p.channel) ?? [];
    list.push({ id: p.id, day, text: p.text, negative: label === 'negative' });
    byChannel.set(p.channel, list);
  });
  return byChannel;
}

/** Find storms of negative posts per channel and attribute each to its most likely cause. */
export function detectStorms(
  posts: readonly StormPost[],
  campaigns: readonly StormCampaign[] = [],
  options: StormOptions = {},
): Storm[] {
  const taxonomy = options.taxonomy ?? DEFAULT_TAXONOMY;
  compileTaxonomy(taxonomy);
  const weeks = options.baselineWeeks ?? 8;
  const lag = options.campaignLagDays ?? 3;
  const parsedCampaigns = campaigns.map((c, index) => ({
    c,
    fromDay: dayNumber(toEpochMs(c.startsAt, { field: 'startsAt', index })),
    toDay: dayNumber(toEpochMs(c.endsAt, { field: 'endsAt', index })),
    keywords: c.keywords.map((k) => tokenizeWords(k)),
  }));
  const storms: Storm[] = [];
  const byChannel = [...parsePosts(posts)].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const series: [string, ParsedPost[], boolean][] = byChannel.map(([c, l]) => [c, l, false]);
  if ((options.acrossChannels ?? true) && byChannel.length > 1) {
    series.push([ALL_CHANNELS, byChannel.flatMap(([, l]) => l), true]);
  }
  // One weekly rhythm for every channel, estimated on their sum (more data than any channel has):
  // it adjusts the all-days baseline used while a channel has under minWeeks of history.
  let weekdayFactors = options.weekdayFactors;
  if (!weekdayFactors) {
    const all = byChannel.flatMap(([, l]) => l).filter((p) => p.negative);
    if (all.length > 0) {
      const lo = Math.min(...all.map((p) => p.day));
      const hi = Math.max(...all.map((p) => p.day));
      const sum = new Array<number>(hi - lo + 1).fill(0);
      for (const p of all) sum[p.day - lo] = (sum[p.day - lo] ?? 0) + 1;
      weekdayFactors = weekdayFactorsOf(sum, lo);
    }
  }
  const spikeOptions: SpikeOptions = { ...options, ...(weekdayFactors ? { weekdayFactors } : {}) };
  for (const [channel, list, isAll] of series) {
    const negatives = list.filter((p) => p.negative);
    if (negatives.length === 0) continue;
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    for (const p of list) {
      first = Math.min(first, p.day);
      last = Math.max(last, p.day);
    }
    const counts = new Array<number>(last - first + 1).fill(0);
    for (const p of negatives) counts[p.day - first] = (counts[p.day - first] ?? 0) + 1;
    for (const ep of detectSpikes(counts, first, spikeOptions)) {
      const from = dayString(ep.fromDay);
      const to = dayString(ep.toDay);
      if (isAll && storms.some((st) => st.from <= from && st.to >= to)) continue;
      const focus = negatives.filter((p) => p.day >= ep.fromDay && p.day <= ep.toDay);
      const ref = negatives.filter((p) => p.day < ep.fromDay && p.day >= ep.fromDay - 7 * weeks);
      const allTerms = weightedLogOdds(
        countTerms(focus),
        countTerms(ref),
        options.priorStrength ?? 1000,
      );
      const terms = allTerms.filter((t) => t.focusCount > 0).slice(0, options.topTerms ?? 15);
      const focusAspects = focus.map((p) => new Set(aspectsOf(p.text, taxonomy)));
      const refAspects = ref.map((p) => new Set(aspectsOf(p.text, taxonomy)));
      const aspects: AspectEvidence[] = Object.keys(taxonomy)
        .map((aspect) => {
          const ki = focusAspects.filter((s) => s.has(aspect)).length;
          const kj = refAspects.filter((s) => s.has(aspect)).length;
          return { aspect, focusPosts: ki, ...shareLogOdds(ki, focus.length, kj, ref.length) };
        })
        .sort((a, b) => b.z - a.z);
      const topSet = new Set(allTerms.filter((t) => t.z > 1.96).map((t) => t.term));
      const campaignEvidence: CampaignEvidence[] = parsedCampaigns
        .map(({ c, fromDay, toDay, keywords }) => {
          const share = (ps: ParsedPost[]): number =>
            ps.length === 0 ? 0 : ps.filter((p) => mentions(p.text, keywords)).length / ps.length;
          return {
            campaignId: c.campaignId,
            name: c.name,
            kind: c.kind,
            overlapsDates: fromDay <= ep.toDay && toDay >= ep.fromDay - lag,
            keywordShare: share(focus),
            referenceKeywordShare: share(ref),
            keywordsInTopTerms: keywords.map((k) => k.join(' ')).filter((k) => topSet.has(k)),
          };
        })
        .filter((e) => e.overlapsDates || e.keywordShare > 0)
        .sort((a, b) => b.keywordShare - a.keywordShare);

      const adAspect = excessShare(aspects, ['advertising_promotion'], focus, ref, taxonomy);
      const campaignExcess = Math.max(
        0,
        ...campaignEvidence
          .filter((e) => e.overlapsDates)
          .map((e) => e.keywordShare - e.referenceKeywordShare),
      );
      const evidence: Record<StormVerdict, number> = {
        promotion: Math.max(adAspect, campaignExcess),
        product: excessShare(aspects, VERDICT_ASPECTS.product, focus, ref, taxonomy),
        service: excessShare(aspects, VERDICT_ASPECTS.service, focus, ref, taxonomy),
        delivery: excessShare(aspects, VERDICT_ASPECTS.delivery, focus, ref, taxonomy),
        website: excessShare(aspects, VERDICT_ASPECTS.website, focus, ref, taxonomy),
      };
      let verdict: StormVerdict = 'product';
      for (const v of STORM_VERDICTS) if (evidence[v] > evidence[verdict]) verdict = v;
      storms.push({
        channel,
        from,
        to,
        days: ep.days.map(({ day, ...s }) => ({ date: dayString(day), ...s })),
        postIds: focus.map((p) => p.id),
        referencePosts: ref.length,
        terms,
        aspects,
        campaigns: campaignEvidence,
        verdict,
        evidence,
      });
    }
  }
  return storms;
}
