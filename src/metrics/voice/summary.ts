// voiceSummary: how customers feel, from text_scores and text_aspects (run scoreTexts first).
// Trend: per period (UTC day, or ISO week starting Monday) and channel, counts of negative /
// neutral / positive texts among the scored ones, their mean score, and the negative and positive
// shares with 95% Wilson score intervals (src/metrics/stats/proportion.ts). Aspects: the same
// counts over text_aspects (one text can mention several aspects). Languages: texts detected as
// another language than English, which are counted but never scored as neutral English.
// Filters: from/to (UTC days, inclusive) and channel; texts without a channel (ideas) show as
// channel 'none' and are left out when a channel is asked for.
import type { SqlParam, Store } from '../../store/index.js';
import { wilsonInterval } from '../stats/proportion.js';
import { parseInput } from './parse-input.js';
import { type TextKind, type VoiceSummary, VoiceSummaryInput } from './schemas.js';
import { kindListSql, textsSql } from './text-sources.js';

type CountRow = {
  n: number;
  negative: number;
  neutral: number;
  positive: number;
  mean_score: number | null;
};

/** WHERE clause and parameters for the common filter over text_scores aliased `s`. */
export function filterSql(
  input: { from?: string | undefined; to?: string | undefined; channel?: string | undefined },
  kinds: readonly TextKind[],
): { where: string; params: SqlParam[] } {
  const parts = [`s.kind IN ${kindListSql(kinds)}`];
  const params: SqlParam[] = [];
  if (input.from) {
    parts.push('s."at" >= ?::DATE');
    params.push(input.from);
  }
  if (input.to) {
    parts.push(`s."at" < ?::DATE + INTERVAL '1 day'`);
    params.push(input.to);
  }
  if (input.channel) {
    parts.push('s.channel = ?');
    params.push(input.channel);
  }
  return { where: parts.join(' AND '), params };
}

function counts(r: CountRow) {
  return {
    n: r.n,
    negative: r.negative,
    neutral: r.neutral,
    positive: r.positive,
    meanScore: r.mean_score,
    negativeShare: wilsonInterval(r.negative, r.n),
    positiveShare: wilsonInterval(r.positive, r.n),
  };
}

const labelCounts = (t: string): string => `count(*)::BIGINT AS n,
  count(*) FILTER (WHERE ${t}.label = 'negative')::BIGINT AS negative,
  count(*) FILTER (WHERE ${t}.label = 'neutral')::BIGINT AS neutral,
  count(*) FILTER (WHERE ${t}.label = 'positive')::BIGINT AS positive,
  avg(${t}.score) AS mean_score`;

/** Sentiment trend per period and channel, aspect sentiment, and non-English counts. */
export async function voiceSummary(
  store: Store,
  input: VoiceSummaryInput = {},
): Promise<VoiceSummary> {
  const opts = parseInput(VoiceSummaryInput, input, 'voiceSummary');
  const kinds = [...new Set(opts.kinds)];
  const { where, params } = filterSql(opts, kinds);
  const periodSql =
    opts.period === 'day' ? 'CAST(s."at" AS DATE)' : `date_trunc('week', s."at")::DATE`;

  const trend = await store.all<CountRow & { period: string; channel: string }>(
    `SELECT strftime(${periodSql}, '%Y-%m-%d') AS period, coalesce(s.channel, 'none') AS channel,
       ${labelCounts('s')}
     FROM text_scores s WHERE ${where} AND s.scored
     GROUP BY ALL ORDER BY period, channel`,
    params,
  );
  const aspects = await store.all<CountRow & { aspect: string }>(
    `SELECT a.aspect, ${labelCounts('a')}
     FROM text_aspects a JOIN text_scores s USING (kind, source, source_id)
     WHERE ${where} GROUP BY a.aspect ORDER BY n DESC, a.aspect`,
    params,
  );
  const languages = await store.all<{ language: string; texts: number }>(
    `SELECT s.language, count(*)::BIGINT AS texts FROM text_scores s WHERE ${where}
     GROUP BY s.language ORDER BY texts DESC, s.language`,
    params,
  );
  const total = languages.reduce((a, r) => a + r.texts, 0);
  const scored = await store.one<{ n: number }>(
    `SELECT count(*)::BIGINT AS n FROM text_scores s WHERE ${where} AND s.scored`,
    params,
  );
  // Texts not scored yet, under the same filter (the view mirrors text_scores' columns).
  const pending = await store.one<{ n: number }>(
    `SELECT count(*)::BIGINT AS n FROM (${textsSql(kinds)}) s
     ANTI JOIN text_scores t USING (kind, source, source_id) WHERE ${where}`,
    params,
  );
  return {
    period: opts.period,
    totals: {
      texts: total,
      scored: scored?.n ?? 0,
      unscored: total - (scored?.n ?? 0),
      pending: pending?.n ?? 0,
    },
    trend: trend.map((r) => ({ period: r.period, channel: r.channel, ...counts(r) })),
    aspects: aspects.map((r) => ({ aspect: r.aspect, ...counts(r) })),
    languages: languages
      .filter((r) => r.language !== 'en')
      .map((r) => ({ language: r.language, texts: r.texts, share: total ? r.texts / total : 0 })),
  };
}
