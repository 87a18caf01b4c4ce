// voiceTopics: recurring themes across posts, tickets (subject + body) and ideas (title + body).
// Texts in the filter are clustered with findTopics (TF-IDF unigrams + bigrams, spherical k-means,
// seeded, src/text/topics.ts); each topic is labelled by its top centroid terms and carries its
// size, a count per period (topicTrend), its sentiment from text_scores and a few examples (the
// members containing most of the topic's top terms, most recent first). Texts that scoreTexts
// found to be in another language are left out (they would form one topic per language).
import type { Store } from '../../store/index.js';
import { extractTerms, findTopics, topicTrend } from '../../text/index.js';
import { parseInput } from './parse-input.js';
import { type TextRef, type VoiceTopics, VoiceTopicsInput } from './schemas.js';
import { filterSql } from './summary.js';
import { textsSql } from './text-sources.js';

type TextRow = {
  kind: TextRef['kind'];
  source: string;
  source_id: string;
  at: Date;
  channel: string | null;
  text: string;
  label: string | null;
  score: number | null;
};

/** Topics across the chosen kinds of text, with top terms, size, trend and examples. */
export async function voiceTopics(
  store: Store,
  input: VoiceTopicsInput = {},
): Promise<VoiceTopics> {
  const opts = parseInput(VoiceTopicsInput, input, 'voiceTopics');
  const kinds = [...new Set(opts.kinds)];
  const { where, params } = filterSql(opts, kinds);
  const rows = await store.all<TextRow>(
    `SELECT s.kind, s.source, s.source_id, s."at", s.channel, s.text, t.label, t.score
     FROM (${textsSql(kinds)}) s LEFT JOIN text_scores t USING (kind, source, source_id)
     WHERE ${where} AND coalesce(t.language, 'en') = 'en'
     ORDER BY s."at", s.kind, s.source, s.source_id`,
    params,
  );
  const model = findTopics(
    rows.map((r) => r.text),
    { seed: opts.seed, topTerms: opts.topTerms, ...(opts.k === undefined ? {} : { k: opts.k }) },
  );
  const trend = topicTrend(
    rows.map((r) => ({ date: r.at })),
    model,
    opts.period,
  );
  const members = model.topics.map(() => [] as number[]);
  model.assignments.forEach((t, i) => {
    if (t >= 0) members[t]?.push(i);
  });
  const topics = model.topics.map((topic) => {
    const idx = members[topic.id] ?? [];
    const byKind: Record<string, number> = {};
    let scored = 0;
    let negative = 0;
    let scoreSum = 0;
    for (const i of idx) {
      const r = rows[i] as TextRow;
      byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
      if (r.score !== null) {
        scored++;
        scoreSum += r.score;
        if (r.label === 'negative') negative++;
      }
    }
    const top = new Set(topic.terms.map((t) => t.term));
    const examples = idx
      .map((i) => ({
        i,
        hits: extractTerms((rows[i] as TextRow).text, true).filter((t) => top.has(t)).length,
      }))
      .sort((a, b) => b.hits - a.hits || b.i - a.i)
      .slice(0, opts.examples)
      .map(({ i }) => toRef(rows[i] as TextRow));
    return {
      id: topic.id,
      label: topic.label,
      terms: topic.terms,
      size: topic.size,
      share: topic.share,
      byKind,
      negativeShare: scored ? negative / scored : null,
      meanScore: scored ? scoreSum / scored : null,
      trend: trend.series.find((s) => s.topicId === topic.id)?.counts ?? [],
      examples,
    };
  });
  return {
    texts: rows.length,
    unassigned: model.assignments.filter((a) => a < 0).length,
    period: opts.period,
    periods: trend.periods,
    topics,
  };
}

export function toRef(r: {
  kind: TextRef['kind'];
  source: string;
  source_id: string;
  at: Date;
  channel: string | null;
  text: string;
}): TextRef {
  return {
    kind: r.kind,
    source: r.source,
    sourceId: r.source_id,
    at: r.at.toISOString(),
    channel: r.channel,
    text: r.text,
  };
}
