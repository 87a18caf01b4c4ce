// voiceStorms: storms of negative posts per channel, explained (src/text/storms.ts does the
// statistics: same-weekday median baseline with MAD/Poisson scale, log-odds with an informative
// prior for terms, share log-odds for aspects, campaign overlap by dates and keywords, verdict =
// the explanation with the largest excess share). This file feeds it posts from the store (with
// their labels from text_scores when scored; non-English posts are never counted as negative) and
// campaigns from the `campaigns` table, and returns the storms that overlap [from, to]. History
// before `from` is read too: each day's baseline needs `baselineWeeks` weeks before it.
import type { SqlParam, Store } from '../../store/index.js';
import {
  detectStorms,
  type SentimentLabel,
  type Storm,
  type StormCampaign,
  type StormPost,
} from '../../text/index.js';
import { parseInput } from './parse-input.js';
import { type TextRef, type VoiceStorm, type VoiceStorms, VoiceStormsInput } from './schemas.js';
import { toRef } from './topics.js';

type PostRow = {
  source: string;
  source_id: string;
  at: Date;
  channel: string;
  text: string;
  label: string | null;
  scored: boolean | null;
};

type CampaignRow = {
  source_id: string;
  name: string;
  kind: string;
  starts_at: Date;
  ends_at: Date | null;
  keywords: string[] | null;
};

const DAY_MS = 86_400_000;

/** One readable line: the verdict and what supports it. */
export function explainStorm(s: Storm): string {
  const excess = s.evidence[s.verdict];
  const parts = [`${s.verdict}: +${Math.round(excess * 100)} pts of storm posts vs before`];
  const camp = s.campaigns.find((c) => c.overlapsDates && c.keywordShare > c.referenceKeywordShare);
  if (s.verdict === 'promotion' && camp) {
    parts.push(
      `campaign ${camp.campaignId} "${camp.name}" (${camp.kind}) running, its keywords in ${Math.round(camp.keywordShare * 100)}% of posts`,
    );
  }
  const aspect = s.aspects[0];
  if (aspect)
    parts.push(
      `top aspect ${aspect.aspect} (${Math.round(aspect.focusShare * 100)}% vs ${Math.round(aspect.referenceShare * 100)}%)`,
    );
  const terms = s.terms
    .filter((t) => t.z > 1.96)
    .slice(0, 5)
    .map((t) => t.term);
  if (terms.length) parts.push(`terms: ${terms.join(', ')}`);
  return parts.join('; ');
}

/** Detect and explain storms of negative posts, with campaigns from the store. */
export async function voiceStorms(
  store: Store,
  input: VoiceStormsInput = {},
): Promise<VoiceStorms> {
  const opts = parseInput(VoiceStormsInput, input, 'voiceStorms');
  const weeks = opts.baselineWeeks ?? 8;
  const parts: string[] = [];
  const params: SqlParam[] = [];
  if (opts.from) {
    parts.push('p.posted_at >= ?::TIMESTAMP');
    params.push(new Date(Date.parse(opts.from) - (7 * weeks + 7) * DAY_MS));
  }
  if (opts.to) {
    parts.push("p.posted_at < ?::DATE + INTERVAL '1 day'");
    params.push(opts.to);
  }
  if (opts.channel) {
    parts.push('p.channel = ?');
    params.push(opts.channel);
  }
  const rows = await store.all<PostRow>(
    `SELECT p.source, p.source_id, p.posted_at AS "at", p.channel, p.text, t.label, t.scored
     FROM posts p LEFT JOIN text_scores t ON t.kind = 'post' AND t.source = p.source AND t.source_id = p.source_id
     ${parts.length ? `WHERE ${parts.join(' AND ')}` : ''}
     ORDER BY p.posted_at, p.source, p.source_id`,
    params,
  );
  const camps = await store.all<CampaignRow>(
    'SELECT source_id, name, kind, starts_at, ends_at, keywords FROM campaigns ORDER BY starts_at, source_id',
  );
  const key = (source: string, id: string): string => `${source}\u0000${id}`;
  const byKey = new Map(rows.map((r) => [key(r.source, r.source_id), r]));
  const posts: StormPost[] = rows.map((r) => ({
    id: key(r.source, r.source_id),
    channel: r.channel,
    postedAt: r.at,
    text: r.text,
    ...(r.scored === null ? {} : { sentimentLabel: (r.label ?? 'neutral') as SentimentLabel }),
  }));
  const campaigns: StormCampaign[] = camps.map((c) => ({
    campaignId: c.source_id,
    name: c.name,
    kind: c.kind,
    startsAt: c.starts_at,
    endsAt: c.ends_at ?? c.starts_at,
    keywords: c.keywords ?? [],
  }));
  const { from, to, channel, examples, ...stormOptions } = opts;
  const storms = detectStorms(posts, campaigns, stormOptions).filter(
    (s) => (!from || s.to >= from) && (!to || s.from <= to),
  );
  return {
    posts: rows.length,
    channels: [...new Set(rows.map((r) => r.channel))].sort(),
    campaigns: campaigns.length,
    storms: storms.map((s): VoiceStorm => {
      const refs: TextRef[] = [];
      for (const id of s.postIds.slice(0, examples)) {
        const r = byKey.get(id);
        if (r) refs.push(toRef({ ...r, kind: 'post' }));
      }
      return {
        channel: s.channel,
        from: s.from,
        to: s.to,
        days: s.days,
        posts: s.postIds.length,
        referencePosts: s.referencePosts,
        terms: s.terms,
        aspects: s.aspects,
        campaigns: s.campaigns,
        verdict: s.verdict,
        evidence: s.evidence,
        explanation: explainStorm(s),
        examples: refs,
      };
    }),
  };
}
