// Voice: negative posts per day and channel with the overall negative share, storms marked on
// the chart; each storm with its attribution (product, promotion …), the evidence and examples;
// sentiment per aspect.
import { useMemo } from 'react';
import type { VoiceStormsResponse, VoiceSummaryResponse } from '../../../src/api/routes/voice.js';
import type { Json } from '../api-client.js';
import { Chart } from '../charts/chart.js';
import { BAD } from '../charts/echarts.js';
import { Async, Card, Empty } from '../components/states.js';
import { fmtNumber, fmtPct } from '../format.js';
import { filtersOf, useUrlState } from '../url-state.js';
import { useApi } from '../use-api.js';

type Summary = Json<VoiceSummaryResponse>;
type Storms = Json<VoiceStormsResponse>;
type Storm = Storms['storms'][number];

const STORMS = 'storms';
const SHARE = 'negative share (all channels)';
/** Label rows: a storm's label drops a row below any earlier storm's within this share of the days. */
const LABEL_GAP = 0.08;

/**
 * The shaded storm areas, their labels staggered: storms close together (twitter and facebook on
 * the same campaign) get different label rows instead of drawing over each other.
 */
function stormAreas(storms: readonly Storm[], days: readonly string[]) {
  const gap = Math.max(1, Math.round(days.length * LABEL_GAP));
  const at = (day: string) => {
    const i = days.indexOf(day);
    return i < 0 ? (day < (days[0] ?? '') ? 0 : days.length - 1) : i;
  };
  const rowEnds: number[] = [];
  return [...storms]
    .sort((x, y) => x.from.localeCompare(y.from))
    .map((s) => {
      const start = at(s.from);
      let row = rowEnds.findIndex((end) => end + gap < start);
      if (row < 0) row = rowEnds.length;
      rowEnds[row] = Math.max(at(s.to), start + gap);
      return [
        {
          name: `${s.channel}: ${s.verdict}`,
          xAxis: s.from,
          label: { offset: [0, row * 14] },
        },
        { xAxis: s.to },
      ];
    });
}

function TrendChart({ summary, storms }: { summary: Summary; storms: Storms | undefined }) {
  const option = useMemo(() => {
    const days = [...new Set(summary.trend.map((t) => t.period))].sort();
    const channels = [...new Set(summary.trend.map((t) => t.channel))].sort();
    const neg = new Map<string, number>();
    const all = new Map<string, { n: number; negative: number }>();
    for (const t of summary.trend) {
      neg.set(`${t.channel}|${t.period}`, t.negative);
      const a = all.get(t.period) ?? { n: 0, negative: 0 };
      a.n += t.n;
      a.negative += t.negative;
      all.set(t.period, a);
    }
    return {
      tooltip: {
        trigger: 'axis',
        // The storms series holds no values: leave it out of the list.
        formatter: (ps: { seriesName: string; marker: string; value: unknown; name: string }[]) =>
          [
            ps[0]?.name ?? '',
            ...ps
              .filter((p) => p.seriesName !== STORMS)
              .map(
                (p) =>
                  `${p.marker} ${p.seriesName}: ${typeof p.value === 'number' ? (p.seriesName === SHARE ? fmtPct(p.value) : fmtNumber(p.value)) : '—'}`,
              ),
          ].join('<br/>'),
      },
      // Channels and the share line only: the storms series must not be hidden from the legend.
      legend: { top: 0, data: [...channels, SHARE] },
      grid: { left: 48, right: 56, top: 40, bottom: 56 },
      dataZoom: [{ type: 'slider', height: 18, bottom: 8 }],
      xAxis: { type: 'category', data: days },
      yAxis: [
        { type: 'value', name: 'negative texts' },
        {
          type: 'value',
          name: 'negative share',
          max: 1,
          axisLabel: { formatter: (v: number) => `${Math.round(v * 100)} %` },
        },
      ],
      series: [
        ...channels.map((c) => ({
          name: c,
          type: 'bar',
          stack: 'neg',
          data: days.map((d) => neg.get(`${c}|${d}`) ?? 0),
        })),
        {
          // The shading lives on its own empty series, so hiding a channel keeps every storm.
          name: STORMS,
          type: 'line',
          silent: true,
          showSymbol: false,
          data: days.map(() => null),
          markArea: {
            silent: true,
            itemStyle: { color: 'rgba(214, 69, 69, 0.12)' },
            label: { color: BAD, fontWeight: 600, fontSize: 11, position: 'insideTop' },
            data: stormAreas(storms?.storms ?? [], days),
          },
        },
        {
          name: SHARE,
          type: 'line',
          yAxisIndex: 1,
          showSymbol: false,
          lineStyle: { width: 2, color: '#1d2433' },
          itemStyle: { color: '#1d2433' },
          data: days.map((d) => {
            const a = all.get(d);
            return a && a.n > 0 ? Number((a.negative / a.n).toFixed(3)) : null;
          }),
        },
      ],
    };
  }, [summary, storms]);
  return (
    <Chart option={option} height={340} label="Negative texts per day and channel, with storms" />
  );
}

function StormList({ storms }: { storms: Storms }) {
  if (storms.storms.length === 0) {
    return (
      <Empty title="No storms in this period">
        {fmtNumber(storms.posts)} posts on {storms.channels.join(', ')} stayed within their usual
        negative volume.
      </Empty>
    );
  }
  return (
    <ol className="storms" data-testid="storms">
      {storms.storms.map((s) => (
        <li key={`${s.channel}:${s.from}`} data-verdict={s.verdict}>
          <div className="storm-head">
            <span className={`badge badge-${s.verdict}`}>{s.verdict}</span>
            <strong>
              {s.channel}: {s.from} – {s.to}
            </strong>
            <span className="muted">
              {fmtNumber(s.posts)} negative posts (vs {fmtNumber(s.referencePosts)} before)
            </span>
          </div>
          <p>{s.explanation}</p>
          {s.campaigns.length > 0 ? (
            <p className="muted">
              Campaigns:{' '}
              {s.campaigns
                .map(
                  (c) =>
                    `${c.name} (${c.kind}${c.overlapsDates ? ', running then' : ''}; keywords in ${fmtPct(c.keywordShare)} of posts)`,
                )
                .join('; ')}
            </p>
          ) : null}
          <p className="muted">
            Top terms:{' '}
            {s.terms
              .slice(0, 8)
              .map((t) => t.term)
              .join(', ')}{' '}
            · Aspects:{' '}
            {s.aspects
              .slice(0, 4)
              .map((a) => `${a.aspect} ${fmtPct(a.focusShare)}`)
              .join(', ')}
          </p>
          {s.examples.length > 0 ? (
            <ul className="examples">
              {s.examples.slice(0, 3).map((e) => (
                <li key={`${e.source}:${e.sourceId}`}>“{e.text}”</li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

function Aspects({ summary }: { summary: Summary }) {
  const option = useMemo(() => {
    const rows = [...summary.aspects].sort(
      (a, b) => (b.negativeShare.rate ?? 0) - (a.negativeShare.rate ?? 0),
    );
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 110, right: 16, top: 30, bottom: 24 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.aspect) },
      series: (['negative', 'neutral', 'positive'] as const).map((k, i) => ({
        name: k,
        type: 'bar',
        stack: 'n',
        itemStyle: { color: ['#d64545', '#b8bfcc', '#16a37f'][i] },
        data: rows.map((r) => r[k]),
      })),
    };
  }, [summary]);
  return (
    <Chart option={option} height={60 + 28 * summary.aspects.length} label="Sentiment per aspect" />
  );
}

export function VoicePage() {
  const state = useUrlState();
  const f = filtersOf(state);
  const query = { from: f.from, to: f.to };
  const summary = useApi('/api/voice', query);
  const storms = useApi('/api/voice/storms', query);
  return (
    <div className="grid">
      <Card
        wide
        title="Negative voice per day"
        subtitle="Negative posts, reviews, tickets and survey comments per channel; shaded: storms"
        testId="voice-trend"
      >
        <Async state={summary} isEmpty={(d) => d.trend.length === 0}>
          {(d) => (
            <TrendChart summary={d} storms={storms.status === 'ready' ? storms.data : undefined} />
          )}
        </Async>
      </Card>
      <Card
        wide
        title="Storms"
        subtitle="Spikes of negative posts per channel, attributed to what is over-represented: the product, a promotion …"
      >
        <Async state={storms}>{(d) => <StormList storms={d} />}</Async>
      </Card>
      <Card title="Sentiment per aspect" subtitle="Texts mentioning each aspect, by label">
        <Async state={summary} isEmpty={(d) => d.aspects.length === 0}>
          {(d) => <Aspects summary={d} />}
        </Async>
      </Card>
      <Card title="Coverage" subtitle="Texts in the period and how many could be scored">
        <Async state={summary}>
          {(d) => (
            <dl className="fields">
              <div>
                <dt>Texts</dt>
                <dd>{fmtNumber(d.totals.texts)}</dd>
              </div>
              <div>
                <dt>Scored (English)</dt>
                <dd>{fmtNumber(d.totals.scored)}</dd>
              </div>
              <div>
                <dt>Other languages</dt>
                <dd>
                  {d.languages.map((l) => `${l.language} ${fmtNumber(l.texts)}`).join(', ') || '—'}
                </dd>
              </div>
              <div>
                <dt>Not scored yet</dt>
                <dd>{fmtNumber(d.totals.pending)}</dd>
              </div>
            </dl>
          )}
        </Async>
      </Card>
    </div>
  );
}
