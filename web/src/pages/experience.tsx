// Experience: survey metrics (NPS, CSAT or CES by period with 95% intervals and the significance
// of each period-over-period change, or by touchpoint, channel, partner, wave or segment, small
// groups withheld), the survey waves, experience by touchpoint and by partner (a poor partner is
// flagged), and the quadrants over time with each quadrant's later churn.
// State in the URL: ?skind=&sby=&sunit=&swaves= (plus the shared period).
import { useMemo } from 'react';
import type { TouchpointsResponse } from '../../../src/api/routes/experience.js';
import type { SurveysResponse } from '../../../src/api/routes/surveys.js';
import type { Json } from '../api-client.js';
import { Chart } from '../charts/chart.js';
import { BAD, GOOD } from '../charts/echarts.js';
import { intervalBand } from '../charts/interval-band.js';
import { quadrantColour } from '../charts/quadrants.js';
import { PresetChips } from '../components/preset-chips.js';
import { Async, Card, Empty } from '../components/states.js';
import { fmtDay, fmtNumber, fmtPct } from '../format.js';
import { filtersOf, useUrlState } from '../url-state.js';
import { useApi } from '../use-api.js';

type Surveys = Json<SurveysResponse>;
type SurveyRow = Surveys['rows'][number];
type Kind = Surveys['kind'];
type Touchpoints = Json<TouchpointsResponse>;

const KINDS = [
  ['nps', 'NPS', 'Net Promoter Score: % promoters (9–10) − % detractors (0–6)'],
  ['csat', 'CSAT', 'share of 4–5 answers on a 1–5 scale'],
  ['ces', 'CES', 'mean effort on a 1–7 scale (higher is easier)'],
] as const;
const DIMENSIONS = [
  ['period', 'Period'],
  ['touchpoint', 'Touchpoint'],
  ['channel', 'Channel'],
  ['partner', 'Partner'],
  ['survey', 'Wave'],
  ['quadrant', 'Quadrant'],
  ['country', 'Country'],
] as const;
const UNITS = [
  ['week', 'Weekly'],
  ['month', 'Monthly'],
  ['quarter', 'Quarterly'],
] as const;

/** A metric value on its own scale: NPS points, CSAT share, CES mean. */
function fmtMetric(kind: Kind, v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  if (kind === 'csat') return fmtPct(v);
  return kind === 'nps' ? v.toFixed(1) : v.toFixed(2);
}

function Interval({ kind, row }: { kind: Kind; row: SurveyRow }) {
  if (row.tooSmall) return <span className="muted">too small</span>;
  return (
    <span className="muted">
      {fmtMetric(kind, row.low)} – {fmtMetric(kind, row.high)}
    </span>
  );
}

function ChangeCell({ kind, row }: { kind: Kind; row: SurveyRow }) {
  const c = row.change;
  if (!c || c.diff === null) return <span className="muted">—</span>;
  const sign = c.diff > 0 ? '+' : '';
  const diff =
    kind === 'csat'
      ? `${sign}${fmtNumber(c.diff * 100)} pt`
      : `${sign}${c.diff.toFixed(kind === 'nps' ? 1 : 2)}`;
  return (
    <span className={c.significant ? (c.diff > 0 ? 'good' : 'bad') : 'muted'}>
      {diff} <span className="muted">(p {c.pValue < 0.001 ? '< 0.001' : c.pValue.toFixed(3)})</span>
      {c.significant ? ' · significant' : ''}
    </span>
  );
}

function TrendChart({ data }: { data: Surveys }) {
  const option = useMemo(() => {
    const rows = data.rows;
    return {
      tooltip: {
        trigger: 'axis',
        formatter: (ps: { dataIndex: number }[]) => {
          const r = rows[ps[0]?.dataIndex ?? 0];
          if (!r) return '';
          if (r.tooSmall) return `${r.period}: ${r.n} answers (fewer than ${data.minN}: too small)`;
          const c = r.change;
          return `${r.period}: ${fmtMetric(data.kind, r.value)} (95% CI ${fmtMetric(data.kind, r.low)} – ${fmtMetric(data.kind, r.high)}), n ${r.n}${c?.significant ? '<br/>significant change from the previous period' : ''}`;
        },
      },
      grid: { left: 56, right: 16, top: 24, bottom: 28 },
      xAxis: { type: 'category', data: rows.map((r) => r.period) },
      yAxis: { type: 'value', scale: true },
      series: [
        ...intervalBand(rows),
        {
          name: data.kind.toUpperCase(),
          type: 'line',
          symbolSize: (_: unknown, p: { dataIndex: number }) =>
            rows[p.dataIndex]?.change?.significant ? 12 : 7,
          lineStyle: { width: 2 },
          data: rows.map((r) => ({
            value: r.value,
            itemStyle: r.change?.significant
              ? { color: (r.change.diff ?? 0) > 0 ? GOOD : BAD }
              : {},
          })),
        },
      ],
    };
  }, [data]);
  return (
    <Chart
      option={option}
      height={240}
      label={`${data.kind.toUpperCase()} per period with 95% intervals; larger dots mark significant changes`}
    />
  );
}

function SurveyTable({ data }: { data: Surveys }) {
  const byPeriod = data.by === 'period';
  return (
    <div className="scroll-x">
      <table className="table" data-testid="survey-table">
        <thead>
          <tr>
            <th>{byPeriod ? 'Period' : DIMENSIONS.find(([d]) => d === data.by)?.[1]}</th>
            <th className="num">Answers</th>
            <th className="num">{data.kind.toUpperCase()}</th>
            <th>95% interval</th>
            {byPeriod ? <th>Change from the previous period</th> : null}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((r) => (
            <tr
              key={`${r.group ?? ''}|${r.period ?? ''}`}
              data-group={r.group ?? r.period ?? ''}
              data-small={r.tooSmall ? 'true' : undefined}
            >
              <td>{byPeriod ? r.period : (r.group ?? '(none)')}</td>
              <td className="num">{fmtNumber(r.n)}</td>
              <td className="num">{r.tooSmall ? '—' : fmtMetric(data.kind, r.value)}</td>
              <td>
                <Interval kind={data.kind} row={r} />
              </td>
              {byPeriod ? (
                <td>
                  <ChangeCell kind={data.kind} row={r} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SurveyCard() {
  const state = useUrlState();
  const kind = (state.get('skind') ?? 'nps') as Kind;
  const by = state.get('sby') ?? 'period';
  const unit = state.get('sunit') ?? 'month';
  const waves = state.get('swaves') ?? '';
  const { from, to } = filtersOf(state);
  const result = useApi('/api/surveys', {
    kind,
    by,
    period: unit,
    ...(waves ? { survey: waves } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  });
  const picked = new Set(waves.split(',').filter(Boolean));
  const toggleWave = (name: string) => {
    const next = new Set(picked);
    if (next.has(name)) next.delete(name);
    else next.add(name);
    state.set({ swaves: [...next].join(',') || undefined });
  };
  return (
    <Card
      wide
      title="Survey scores"
      subtitle="Answered surveys in the period; groups with fewer answers than the minimum are withheld, not shown as numbers"
      testId="surveys"
    >
      <div className="controls">
        <PresetChips
          label="Survey metric"
          presets={KINDS}
          value={kind}
          onPick={(v) => state.set({ skind: v, swaves: undefined })}
        />
        <PresetChips
          label="Break down by"
          presets={DIMENSIONS}
          value={by}
          onPick={(v) => state.set({ sby: v })}
        />
        {by === 'period' ? (
          <PresetChips
            label="Period length"
            presets={UNITS}
            value={unit}
            onPick={(v) => state.set({ sunit: v })}
          />
        ) : null}
      </div>
      <Async state={result}>
        {(data) => {
          const kindWaves = data.waves.filter((w) => w.kind === kind);
          return (
            <>
              {kindWaves.length > 1 ? (
                <fieldset className="presets" aria-label="Survey waves to combine">
                  {kindWaves.map((w) => (
                    <button
                      key={w.survey}
                      type="button"
                      className={picked.has(w.survey) ? 'chip chip-on' : 'chip'}
                      title={`${w.answered} answers, ${fmtDay(w.first)} – ${fmtDay(w.last)}`}
                      onClick={() => toggleWave(w.survey)}
                    >
                      {w.survey}
                    </button>
                  ))}
                  <span className="muted">
                    {picked.size === 0 ? 'all waves combined' : `${picked.size} combined`}
                  </span>
                </fieldset>
              ) : null}
              {data.rows.length === 0 ? (
                <Empty title={`No ${kind.toUpperCase()} answers in this period`} />
              ) : (
                <>
                  {data.by === 'period' ? <TrendChart data={data} /> : null}
                  <SurveyTable data={data} />
                </>
              )}
            </>
          );
        }}
      </Async>
    </Card>
  );
}

function WavesCard() {
  const result = useApi('/api/surveys', { kind: 'nps' });
  return (
    <Card
      wide
      title="Survey waves"
      subtitle="Invitations and answers per survey (fatigue shows as a falling response rate)"
      testId="waves"
      ignoresPeriod
    >
      <Async
        state={result}
        isEmpty={(d) => d.waves.length === 0}
        empty={<Empty title="No surveys imported" />}
      >
        {(data) => (
          <table className="table">
            <thead>
              <tr>
                <th>Survey</th>
                <th>Kind</th>
                <th className="num">Invited</th>
                <th className="num">Answered</th>
                <th className="num">Response rate</th>
                <th>Answers from – to</th>
              </tr>
            </thead>
            <tbody>
              {data.waves.map((w) => (
                <tr key={`${w.kind}|${w.survey}`}>
                  <td>{w.survey}</td>
                  <td>{w.kind.toUpperCase()}</td>
                  <td className="num">{fmtNumber(w.invited)}</td>
                  <td className="num">{fmtNumber(w.answered)}</td>
                  <td className="num">{fmtPct(w.invited > 0 ? w.answered / w.invited : null)}</td>
                  <td>
                    {fmtDay(w.first)} – {fmtDay(w.last)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Async>
    </Card>
  );
}

type Csat = Touchpoints['partners'][number]['csat'];

function CsatCell({ csat }: { csat: Csat }) {
  if (csat.n === 0) return <span className="muted">no answers</span>;
  if (csat.tooSmall) return <span className="muted">too small (n {csat.n})</span>;
  return (
    <>
      {fmtPct(csat.value)}{' '}
      <span className="muted">
        ({fmtPct(csat.low)} – {fmtPct(csat.high)}, n {fmtNumber(csat.n)})
      </span>
    </>
  );
}

function TouchpointTable({ rows }: { rows: Touchpoints['touchpoints'] }) {
  return (
    <table className="table" data-testid="touchpoints">
      <thead>
        <tr>
          <th>Touchpoint</th>
          <th>Bad signals counted</th>
          <th className="num">Customers affected</th>
          <th className="num">Occurrences</th>
          <th className="num">Experience (affected / all)</th>
          <th className="num">Engagement (affected)</th>
          <th>CSAT</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((t) => (
          <tr key={t.touchpoint} data-touchpoint={t.touchpoint}>
            <td>{t.touchpoint.replace('_', ' / ')}</td>
            <td className="muted">{t.signals.join(', ').replaceAll('_', ' ') || '—'}</td>
            <td className="num">{fmtNumber(t.personsAffected)}</td>
            <td className="num">{fmtNumber(t.occurrences)}</td>
            <td
              className={`num ${t.meanExperienceAffected !== null && t.meanExperienceAll !== null && t.meanExperienceAffected < t.meanExperienceAll - 5 ? 'bad' : ''}`}
            >
              {fmtNumber(t.meanExperienceAffected)} / {fmtNumber(t.meanExperienceAll)}
            </td>
            <td className="num">{fmtNumber(t.meanEngagementAffected)}</td>
            <td>
              <CsatCell csat={t.csat} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PartnerTable({ rows }: { rows: Touchpoints['partners'] }) {
  return (
    <div className="scroll-x">
      <table className="table" data-testid="partners">
        <thead>
          <tr>
            <th>Partner</th>
            <th className="num">Orders</th>
            <th className="num">Late deliveries (95% CI)</th>
            <th className="num">Others</th>
            <th className="num">p</th>
            <th className="num">Returns</th>
            <th>CSAT</th>
            <th className="num">Customers</th>
            <th className="num">Experience</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.partnerId} data-partner={p.partnerId} data-poor={p.poor ? 'true' : 'false'}>
              <td>
                {p.name ?? p.partnerId}
                {p.kind ? <span className="muted"> · {p.kind}</span> : null}
                {p.poor ? (
                  <span
                    className="badge badge-delivery"
                    title="late more often than the other partners (p < 0.05)"
                  >
                    poor
                  </span>
                ) : null}
              </td>
              <td className="num">{fmtNumber(p.orders)}</td>
              <td className={`num ${p.poor ? 'bad' : ''}`}>
                {fmtPct(p.lateRate.rate)}{' '}
                <span className="muted">
                  ({fmtPct(p.lateRate.low)} – {fmtPct(p.lateRate.high)})
                </span>
              </td>
              <td className="num">{fmtPct(p.lateRateOthers)}</td>
              <td className="num">{p.latePValue < 0.001 ? '< 0.001' : p.latePValue.toFixed(3)}</td>
              <td className="num">{fmtPct(p.returnRate)}</td>
              <td>
                <CsatCell csat={p.csat} />
              </td>
              <td className="num">{fmtNumber(p.persons)}</td>
              <td className="num">{fmtNumber(p.meanExperience)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TouchpointsCard() {
  const result = useApi('/api/touchpoints');
  return (
    <>
      <Card
        wide
        title="Touchpoints"
        subtitle="Customers who had a touchpoint's bad signals, their mean scores beside everyone's, and the CSAT asked there"
        ignoresPeriod
      >
        <Async state={result}>{(d) => <TouchpointTable rows={d.touchpoints} />}</Async>
      </Card>
      <Card
        wide
        title="Partners"
        subtitle="Marketplaces and carriers: late deliveries tested against all other partners together; poor = later more often (p < 0.05)"
        ignoresPeriod
      >
        <Async
          state={result}
          isEmpty={(d) => d.partners.length === 0}
          empty={<Empty title="No orders name a partner" />}
        >
          {(d) => <PartnerTable rows={d.partners} />}
        </Async>
      </Card>
    </>
  );
}

function QuadrantTrendCard() {
  const result = useApi('/api/quadrants/trend');
  return (
    <Card
      wide
      title="Quadrants over time"
      subtitle="Customers per quadrant at past dates, and the share of each quadrant's active customers that churned in the following horizon (95% CI)"
      testId="quadrant-trend"
      ignoresPeriod
    >
      <Async state={result} isEmpty={(d) => d.rows.length === 0}>
        {(d) => {
          const dates = [...new Set(d.rows.map((r) => r.asOf))];
          const quadrants = [...new Set(d.rows.map((r) => r.quadrant))];
          const cell = (q: string, at: string) =>
            d.rows.find((r) => r.quadrant === q && r.asOf === at);
          const option = {
            tooltip: { trigger: 'axis' },
            legend: { top: 0 },
            grid: { left: 56, right: 16, top: 32, bottom: 28 },
            xAxis: { type: 'category', data: dates },
            yAxis: { type: 'value', name: 'customers' },
            series: quadrants.map((q, i) => ({
              name: q.replaceAll('_', ' '),
              type: 'line',
              color: quadrantColour(q, i),
              data: dates.map((at) => cell(q, at)?.persons ?? null),
            })),
          };
          return (
            <>
              <Chart option={option} height={240} label="Customers per quadrant over time" />
              <div className="scroll-x">
                <table className="table">
                  <thead>
                    <tr>
                      <th>Later churn</th>
                      {dates.map((at) => (
                        <th key={at} className="num">
                          {at}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {quadrants.map((q) => (
                      <tr key={q} data-quadrant={q}>
                        <td>{q.replaceAll('_', ' ')}</td>
                        {dates.map((at) => {
                          const r = cell(q, at);
                          return (
                            <td key={at} className="num">
                              {!r || r.churned === null ? (
                                <span
                                  className="muted"
                                  title="the horizon after this date has not passed yet"
                                >
                                  not yet
                                </span>
                              ) : r.churnRate === null ? (
                                <span
                                  className="muted"
                                  title="no active customers in this quadrant then"
                                >
                                  —
                                </span>
                              ) : (
                                <>
                                  {fmtPct(r.churnRate)}{' '}
                                  <span className="muted">
                                    ({fmtPct(r.churnLow)} – {fmtPct(r.churnHigh)})
                                  </span>
                                </>
                              )}
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          );
        }}
      </Async>
    </Card>
  );
}

export function ExperiencePage() {
  return (
    <div className="grid">
      <SurveyCard />
      <TouchpointsCard />
      <QuadrantTrendCard />
      <WavesCard />
    </div>
  );
}
